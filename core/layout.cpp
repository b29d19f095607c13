#include "core/layout.h"

#include <algorithm>
#include <span>

// The tidy tree algorithm of Buchheim, Jünger and Leipert ("Improving Walker's algorithm to
// run in linear time", 2002), written with explicit stacks so that a reports_to chain 100,000
// deep cannot overflow the call stack.
//
// Everything is computed in an orientation-free space: "breadth" runs along a level (x when
// top-down) and "depth" runs from a manager to its reports (y when top-down); connectors are
// mapped onto x and y as they are made, cards at the very end.

namespace rolescope {

namespace {

constexpr int NoNode = -1;

// Leaves stacked in columns under their manager (compact mode). For the tidy algorithm the
// block is a chain of nodes, one per level it reaches into, each as wide as the block, so
// that neighbouring subtrees keep clear of every row of it.
struct Block
{
    RoleIndex manager = NoRole;
    int managerLevel = 0;
    int rows = 0;
    double width = 0;       // a spine lane left of every column, and as much on the right
    int firstChainNode = 0; // the layout node of the block on the level below the manager
};

// A node of the layout tree: a shown role (unless stacked in a block) or a link of a block's
// chain. The reports of a node get consecutive numbers when the node is reached in pre-order,
// so siblings are a run of nodes (the left sibling of v is v - 1, the distance of two
// siblings is the difference of their numbers) and every node comes after its manager.
// Following contours jumps around the tree and for 100,000 nodes the cache misses decide the
// running time, so what the contour walk reads is kept together, two nodes to a cache line.
struct Node
{
    double prelim = 0;      // after the second walk: the final centre
    double mod = 0;
    int nextLeft = NoNode;  // on the left contour: the first child, or a thread
    int nextRight = NoNode; // on the right contour: the last child, or a thread
    int ancestor = NoNode;
    int role = NoRole;      // for a link of a block's chain: -1 - the block's index
};

// A node's children, which are a run of nodes, and its level.
struct Family
{
    int firstChild = NoNode;
    int childCount = 0;
    int level = 0;
};

// Moves of Buchheim et al. that wait for the manager's executeShifts().
struct PendingMove
{
    double shift = 0;
    double change = 0;
};

// The reports of a node's role, while the tree is collected.
struct Reports
{
    const RoleIndex *roles = nullptr;
    int count = 0;
    bool shown = false;
};

// The working memory of layouts, kept by each thread from one layout to the next: for 100,000
// roles it is megabytes, and memory that the allocator has given back to the system costs a
// page fault per 4 kB when it is touched again, more than the layout's own work.
struct Workspace
{
    std::vector<int> managers;
    std::vector<Node> nodes;
    std::vector<Family> families;
    std::vector<PendingMove> moves;
    std::vector<Reports> reports;
    std::vector<int> stack;
};

class LayoutBuilder
{
public:
    LayoutBuilder(const Model &model, const LayoutOptions &options, const LayoutScope &scope,
                  Workspace &workspace);

    Layout build();

private:
    bool isCollapsed(RoleIndex role) const;
    bool opens(RoleIndex role, std::span<const RoleIndex> reports, int level) const;
    bool inCycle(RoleIndex role) const;
    void collectTree();
    int countDescendants(RoleIndex role);
    int addNodes(int count, int level);
    void reserveNodes(int count);
    bool setRole(int v, RoleIndex role, int level);
    void addBlock(RoleIndex manager, int managerNode, int managerLevel, int leaves);

    // Buchheim et al.: the first walk runs from the last node back (every node after its
    // manager), the second forwards.
    void walkTrees();
    void finishNode(int v, bool hasLeftSibling);
    void apportion(int v, const Family &family, int &defaultAncestor);
    void moveSubtree(int wm, int wp, double shift);
    void executeShifts(int v);
    Node &node(int v) { return m_nodes[static_cast<size_t>(v)]; }
    const Family &family(int v) const { return m_families[static_cast<size_t>(v)]; }
    double width(int v) const;
    double separation(int left, int right, double gap) const;

    void placeTrees();
    void addReportConnector(RoleIndex manager, const LayoutRect &from, RoleIndex report,
                            const LayoutRect &to, bool stacked);
    void placeCard(RoleIndex role, const LayoutRect &card);
    double levelDepth(int level) const { return level * m_levelPitch; }
    LayoutPoint toLayout(double breadth, double depth) const;
    void findDottedLines();
    void addDottedConnectors();
    void mapCards();

    const Model &m_model;
    const LayoutOptions &m_options;
    const LayoutScope &m_scope;
    const int m_roleCount;
    const double m_cardBreadth;
    const double m_cardDepth;
    const double m_levelPitch;
    const double m_rowPitch; // between the rows of a block

    // Cards are kept in layout space until mapCards(); connectors are mapped as they are made.
    // The trees are placed so that layout space already starts at (0, 0).
    Layout m_layout;
    std::vector<int> &m_managers;     // the nodes of the shown roles whose reports are shown
    std::vector<RoleIndex> m_tops;   // the roots of the laid out trees, left to right
    std::vector<Block> m_blocks;
    std::vector<RoleIndex> m_hiddenStack; // for countDescendants()

    int m_nodeCount = 0;
    std::vector<Node> &m_nodes;
    std::vector<Family> &m_families;   // parallel to m_nodes
    std::vector<PendingMove> &m_moves; // parallel to m_nodes
    std::vector<Reports> &m_reports;   // parallel to m_nodes
    std::vector<int> &m_stack;         // for collectTree()
    std::vector<int> m_treeStart;     // the first node of each tree, and then the node count
    std::vector<double> m_treeOffset; // moves each tree to its place in the forest

    std::vector<std::pair<RoleIndex, RoleIndex>> m_dottedLines; // manager, report
};

LayoutBuilder::LayoutBuilder(const Model &model, const LayoutOptions &options,
                             const LayoutScope &scope, Workspace &workspace)
    : m_model(model)
    , m_options(options)
    , m_scope(scope)
    , m_roleCount(model.roleCount())
    , m_cardBreadth(options.orientation == Orientation::TopDown ? options.cardWidth
                                                                : options.cardHeight)
    , m_cardDepth(options.orientation == Orientation::TopDown ? options.cardHeight
                                                              : options.cardWidth)
    , m_levelPitch(m_cardDepth + options.levelGap)
    , m_rowPitch(m_cardDepth + options.siblingGap)
    , m_managers(workspace.managers)
    , m_nodes(workspace.nodes)
    , m_families(workspace.families)
    , m_moves(workspace.moves)
    , m_reports(workspace.reports)
    , m_stack(workspace.stack)
{
    m_managers.clear();
    m_stack.clear();
}

Layout LayoutBuilder::build()
{
    const auto count = static_cast<size_t>(m_roleCount);
    m_layout.cards.assign(count, LayoutRect());
    m_layout.hiddenBelow.assign(count, 0);

    collectTree();
    if (m_layout.shown.empty())
        return std::move(m_layout);
    walkTrees();
    placeTrees();
    findDottedLines();
    addDottedConnectors();
    mapCards();
    return std::move(m_layout);
}

bool LayoutBuilder::isCollapsed(RoleIndex role) const
{
    const auto i = static_cast<size_t>(role);
    return i < m_scope.collapsed.size() && m_scope.collapsed[i];
}

// Whether the reports of a role on this level are shown.
bool LayoutBuilder::opens(RoleIndex role, std::span<const RoleIndex> reports, int level) const
{
    return !reports.empty() && !isCollapsed(role)
           && (m_scope.maxDepth < 0 || level < m_scope.maxDepth);
}

// Only a model with errors has one, and the loader never returns such a model; but a root
// inside a cycle would have the walk below go round forever.
bool LayoutBuilder::inCycle(RoleIndex role) const
{
    RoleIndex at = role;
    for (int steps = 0; steps <= m_roleCount; ++steps) {
        at = m_model.parentOf(at);
        if (at == NoRole)
            return false;
    }
    return true;
}

void LayoutBuilder::collectTree()
{
    const auto count = static_cast<size_t>(m_roleCount);
    if (m_scope.root != NoRole) {
        if (m_scope.root >= 0 && m_scope.root < m_roleCount && !inCycle(m_scope.root))
            m_tops.push_back(m_scope.root);
    } else {
        const auto tops = m_model.topRoles();
        m_tops.assign(tops.begin(), tops.end());
    }

    m_layout.shown.reserve(count);
    reserveNodes(m_roleCount);
    const auto minLeaves = static_cast<size_t>(std::max(1, m_options.compactMinLeaves));
    for (const RoleIndex top : m_tops) {
        // Each tree is one run of nodes.
        m_treeStart.push_back(m_nodeCount);
        const int root = addNodes(1, 0);
        setRole(root, top, 0);
        m_stack.push_back(root);
        // Pre-order. Reports stacked in a block are leaves, so they come right after their
        // manager, and get no node of their own.
        while (!m_stack.empty()) {
            const int v = m_stack.back();
            m_stack.pop_back();
            const RoleIndex role = node(v).role;
            const Reports reports = m_reports[static_cast<size_t>(v)];
            m_layout.shown.push_back(role);
            if (!reports.shown) {
                if (reports.count > 0)
                    m_layout.hiddenBelow[static_cast<size_t>(role)] = countDescendants(role);
                continue;
            }

            m_managers.push_back(v);
            const int level = family(v).level + 1;
            const int size = reports.count;
            const int first = addNodes(size, level);
            bool allLeaves = true;
            for (int k = 0; k < size; ++k)
                allLeaves = !setRole(first + k, reports.roles[k], level) && allLeaves;
            if (m_options.compact && allLeaves && static_cast<size_t>(size) >= minLeaves) {
                // The reports go into a block instead: their nodes are taken back.
                for (int k = 0; k < size; ++k) {
                    const RoleIndex report = reports.roles[k];
                    m_layout.shown.push_back(report);
                    if (m_reports[static_cast<size_t>(first + k)].count > 0)
                        m_layout.hiddenBelow[static_cast<size_t>(report)] =
                            countDescendants(report);
                }
                m_nodeCount = first;
                addBlock(role, v, level - 1, size);
                continue;
            }
            m_families[static_cast<size_t>(v)].firstChild = first;
            m_families[static_cast<size_t>(v)].childCount = size;
            node(v).nextLeft = first;
            node(v).nextRight = first + size - 1;
            for (int k = size - 1; k >= 0; --k)
                m_stack.push_back(first + k);
        }
    }
    m_treeStart.push_back(m_nodeCount);
}

// Gives node v its role, and notes the role's reports; returns whether they are shown.
bool LayoutBuilder::setRole(int v, RoleIndex role, int level)
{
    node(v).role = role;
    const auto reports = m_model.childrenOf(role);
    Reports &noted = m_reports[static_cast<size_t>(v)];
    noted.roles = reports.data();
    noted.count = static_cast<int>(reports.size());
    noted.shown = opens(role, reports, level);
    return noted.shown;
}

int LayoutBuilder::countDescendants(RoleIndex role)
{
    // The hidden subtrees are disjoint, so all the counting together stays linear.
    const auto reports = m_model.childrenOf(role);
    m_hiddenStack.assign(reports.begin(), reports.end());
    int count = 0;
    while (!m_hiddenStack.empty()) {
        const RoleIndex at = m_hiddenStack.back();
        m_hiddenStack.pop_back();
        ++count;
        const auto below = m_model.childrenOf(at);
        m_hiddenStack.insert(m_hiddenStack.end(), below.begin(), below.end());
    }
    return count;
}

// Adds `count` nodes without children on one level; returns the first.
int LayoutBuilder::addNodes(int count, int level)
{
    const int first = m_nodeCount;
    m_nodeCount += count;
    if (static_cast<size_t>(m_nodeCount) > m_nodes.size())
        reserveNodes(std::max(m_nodeCount, 2 * static_cast<int>(m_nodes.size())));
    for (int v = first; v < m_nodeCount; ++v) {
        const auto i = static_cast<size_t>(v);
        Node &at = m_nodes[i];
        at.prelim = 0;
        at.mod = 0;
        at.nextLeft = NoNode;
        at.nextRight = NoNode;
        at.ancestor = v;
        Family &children = m_families[i];
        children.firstChild = NoNode;
        children.childCount = 0;
        children.level = level;
        PendingMove &move = m_moves[i];
        move.shift = 0;
        move.change = 0;
        m_reports[i].shown = false;
    }
    return first;
}

// The node arrays only grow: what they hold beyond m_nodeCount is left from earlier layouts.
void LayoutBuilder::reserveNodes(int count)
{
    const auto size = static_cast<size_t>(count);
    if (size <= m_nodes.size())
        return;
    m_nodes.resize(size);
    m_families.resize(size);
    m_moves.resize(size);
    m_reports.resize(size);
}

void LayoutBuilder::addBlock(RoleIndex manager, int managerNode, int managerLevel, int leaves)
{
    const int maxColumns = std::max(1, m_options.compactMaxColumns);
    Block block;
    block.manager = manager;
    block.managerLevel = managerLevel;
    block.rows = (leaves + maxColumns - 1) / maxColumns;
    // Columns are filled top to bottom, so balance them: 9 leaves in at most 4 columns make
    // 3 columns of 3, not 4 columns of 3, 3, 3 and 0.
    const int columns = (leaves + block.rows - 1) / block.rows;
    block.width = columns * (m_cardBreadth + 2 * m_options.siblingGap);
    block.firstChainNode = m_nodeCount;

    // The chain reaches into every level whose band (card plus half the level gap on either
    // side) starts above the block's last row.
    const double height = block.rows * m_rowPitch - m_options.siblingGap;
    int levels = 1;
    while (levels * m_levelPitch - m_options.levelGap / 2 <= height)
        ++levels;
    const int chainRole = -1 - static_cast<int>(m_blocks.size());
    int above = managerNode;
    for (int k = 0; k < levels; ++k) {
        const int link = addNodes(1, managerLevel + 1 + k);
        node(link).role = chainRole;
        m_families[static_cast<size_t>(above)].firstChild = link;
        m_families[static_cast<size_t>(above)].childCount = 1;
        node(above).nextLeft = node(above).nextRight = link;
        above = link;
    }
    m_blocks.push_back(block);
}

void LayoutBuilder::walkTrees()
{
    // First walk: a node's reports are finished one after the other, each followed by its
    // apportion(), once all their subtrees are; everything below a node is numbered after it.
    const int count = m_nodeCount;
    for (int v = count - 1; v >= 0; --v) {
        const Family &children = family(v);
        int defaultAncestor = NoNode;
        for (int k = 0; k < children.childCount; ++k) {
            const int w = children.firstChild + k;
            finishNode(w, k > 0);
            apportion(w, children, defaultAncestor);
        }
    }
    for (size_t t = 0; t + 1 < m_treeStart.size(); ++t)
        finishNode(m_treeStart[t], false);

    // Second walk: a manager's sum of the modifiers above its reports (mod is reused to hold
    // it) is known before them. The trees of a forest then go side by side by their extents:
    // a small tree never tucks in above a big neighbour's reports, where it would look like
    // their manager.
    double cursor = 0;
    for (size_t t = 0; t + 1 < m_treeStart.size(); ++t) {
        const int root = m_treeStart[t];
        const int end = m_treeStart[t + 1];
        const Node &top = node(root);
        double low = top.prelim - width(root) / 2;
        double high = top.prelim + width(root) / 2;
        for (int v = root; v < end; ++v) {
            const Family &children = family(v);
            const double above = node(v).mod;
            for (int w = children.firstChild; w < children.firstChild + children.childCount;
                 ++w) {
                Node &at = node(w);
                at.prelim += above;
                at.mod += above;
                low = std::min(low, at.prelim - width(w) / 2);
                high = std::max(high, at.prelim + width(w) / 2);
            }
        }
        m_treeOffset.push_back(cursor - low);
        cursor += high - low + m_options.treeGap;
    }
}

void LayoutBuilder::finishNode(int v, bool hasLeftSibling)
{
    Node &at = node(v);
    const int left = v - 1;
    const double besideLeft = hasLeftSibling
                                  ? node(left).prelim + separation(left, v, m_options.siblingGap)
                                  : 0;
    const Family &children = family(v);
    if (children.childCount > 0) {
        executeShifts(v);
        const int last = children.firstChild + children.childCount - 1;
        const double midpoint = (node(children.firstChild).prelim + node(last).prelim) / 2;
        if (hasLeftSibling) {
            at.prelim = besideLeft;
            at.mod = at.prelim - midpoint;
        } else {
            at.prelim = midpoint;
        }
    } else {
        at.prelim = besideLeft;
    }
}

double LayoutBuilder::width(int v) const
{
    const int role = m_nodes[static_cast<size_t>(v)].role;
    return role >= 0 ? m_cardBreadth : m_blocks[static_cast<size_t>(-1 - role)].width;
}

double LayoutBuilder::separation(int left, int right, double gap) const
{
    return (width(left) + width(right)) / 2 + gap;
}

void LayoutBuilder::apportion(int v, const Family &siblings, int &defaultAncestor)
{
    if (v == siblings.firstChild) {
        defaultAncestor = v;
        return;
    }
    // i: inner contours facing each other, o: outer contours; m: left part, p: right part.
    int vip = v;
    int vop = v;
    int vim = v - 1;
    int vom = siblings.firstChild;
    double sip = node(vip).mod;
    double sop = node(vop).mod;
    double sim = node(vim).mod;
    double som = node(vom).mod;
    int nextRightOfLeft = node(vim).nextRight;
    int nextLeftOfRight = node(vip).nextLeft;
    while (nextRightOfLeft != NoNode && nextLeftOfRight != NoNode) {
        vim = nextRightOfLeft;
        vip = nextLeftOfRight;
        vom = node(vom).nextLeft;
        vop = node(vop).nextRight;
        node(vop).ancestor = v;
        const double shift = (node(vim).prelim + sim) - (node(vip).prelim + sip)
                             + separation(vim, vip, m_options.subtreeGap);
        if (shift > 0) {
            // The ancestor of vim among the siblings, if it is one of them.
            const int ancestor = node(vim).ancestor;
            const bool sibling = ancestor >= siblings.firstChild
                                 && ancestor < siblings.firstChild + siblings.childCount;
            moveSubtree(sibling ? ancestor : defaultAncestor, v, shift);
            sip += shift;
            sop += shift;
        }
        sim += node(vim).mod;
        sip += node(vip).mod;
        som += node(vom).mod;
        sop += node(vop).mod;
        nextRightOfLeft = node(vim).nextRight;
        nextLeftOfRight = node(vip).nextLeft;
    }
    // A thread goes to a leaf, which has no children to follow otherwise.
    if (nextRightOfLeft != NoNode && node(vop).nextRight == NoNode) {
        Node &end = node(vop);
        end.nextLeft = end.nextRight = nextRightOfLeft;
        end.mod += sim - sop;
    }
    if (nextLeftOfRight != NoNode && node(vom).nextLeft == NoNode) {
        Node &end = node(vom);
        end.nextLeft = end.nextRight = nextLeftOfRight;
        end.mod += sip - som;
        defaultAncestor = v;
    }
}

void LayoutBuilder::moveSubtree(int wm, int wp, double shift)
{
    PendingMove &m = m_moves[static_cast<size_t>(wm)];
    PendingMove &p = m_moves[static_cast<size_t>(wp)];
    // Siblings are numbered consecutively.
    const double perSubtree = shift / (wp - wm);
    p.change -= perSubtree;
    p.shift += shift;
    m.change += perSubtree;
    Node &moved = node(wp);
    moved.prelim += shift;
    moved.mod += shift;
}

void LayoutBuilder::executeShifts(int v)
{
    const Family &children = family(v);
    double shift = 0;
    double change = 0;
    for (int w = children.firstChild + children.childCount - 1; w >= children.firstChild; --w) {
        Node &child = node(w);
        const PendingMove &move = m_moves[static_cast<size_t>(w)];
        child.prelim += shift;
        child.mod += shift;
        change += move.change;
        shift += move.shift + change;
    }
}

// Places the cards and makes the connectors from managers to their reports in one pass over
// the managers in pre-order, which is the order of their reports' nodes: each report's card is
// placed from its node and joined to its manager's right away.
void LayoutBuilder::placeTrees()
{
    auto &cards = m_layout.cards;
    // Every shown role but the tops has one line from its manager, and a few have dotted ones.
    m_layout.connectors.reserve(m_layout.shown.size() - m_tops.size()
                                + m_model.dottedLines().size());
    m_layout.bounds = {};
    for (size_t t = 0; t < m_treeOffset.size(); ++t) {
        const int root = m_treeStart[t];
        const double centre = node(root).prelim + m_treeOffset[t];
        placeCard(node(root).role, {centre - m_cardBreadth / 2, levelDepth(0), m_cardBreadth,
                                    m_cardDepth});
    }
    const double columnPitch = m_cardBreadth + 2 * m_options.siblingGap;
    size_t tree = 0;
    for (const int v : m_managers) {
        while (v >= m_treeStart[tree + 1])
            ++tree;
        const double offset = m_treeOffset[tree];
        const RoleIndex manager = node(v).role;
        const LayoutRect from = cards[static_cast<size_t>(manager)];
        const Family &children = family(v);
        const int chainRole = node(children.firstChild).role;
        if (chainRole >= 0) {
            for (int w = children.firstChild; w < children.firstChild + children.childCount;
                 ++w) {
                const double centre = node(w).prelim + offset;
                const LayoutRect card = {centre - m_cardBreadth / 2,
                                         levelDepth(family(w).level), m_cardBreadth,
                                         m_cardDepth};
                placeCard(node(w).role, card);
                addReportConnector(manager, from, node(w).role, card, false);
            }
            continue;
        }
        const Block &block = m_blocks[static_cast<size_t>(-1 - chainRole)];
        const double left = node(block.firstChainNode).prelim + offset - block.width / 2;
        const double top = levelDepth(block.managerLevel + 1);
        const auto reports = m_model.childrenOf(block.manager);
        for (size_t k = 0; k < reports.size(); ++k) {
            const int column = static_cast<int>(k) / block.rows;
            const int row = static_cast<int>(k) % block.rows;
            const LayoutRect card = {left + m_options.siblingGap + column * columnPitch,
                                     top + row * m_rowPitch, m_cardBreadth, m_cardDepth};
            placeCard(reports[k], card);
            addReportConnector(manager, from, reports[k], card, true);
        }
    }
    // Nothing lies left of or above the trees, and connectors run between cards or, for the
    // spines of blocks, inside the trees' extents.
    if (m_options.orientation == Orientation::LeftToRight)
        m_layout.bounds = {0, 0, m_layout.bounds.height, m_layout.bounds.width};
}

// Keeps the bounds in layout space (breadth as width) until placeTrees() is done.
void LayoutBuilder::placeCard(RoleIndex role, const LayoutRect &card)
{
    m_layout.cards[static_cast<size_t>(role)] = card;
    LayoutRect &bounds = m_layout.bounds;
    bounds.width = std::max(bounds.width, card.right());
    bounds.height = std::max(bounds.height, card.bottom());
}

LayoutPoint LayoutBuilder::toLayout(double breadth, double depth) const
{
    if (m_options.orientation == Orientation::LeftToRight)
        return {depth, breadth};
    return {breadth, depth};
}

void LayoutBuilder::addReportConnector(RoleIndex manager, const LayoutRect &from,
                                       RoleIndex report, const LayoutRect &to, bool stacked)
{
    const double centre = from.x + from.width / 2;
    const double bus = from.bottom() + m_options.levelGap / 2;
    // Made in place, point by point: a temporary connector or an initializer list goes
    // through the stack, which took a third of the layout's time.
    ConnectorPoints &points = m_layout.connectors.emplace_back(manager, report, false).points;
    points.push_back(toLayout(centre, from.bottom()));
    if (stacked) {
        // Down a spine left of the column, then a short stub into the card's side.
        const double spine = to.x - m_options.siblingGap;
        const double middle = to.y + to.height / 2;
        if (spine != centre) {
            points.push_back(toLayout(centre, bus));
            points.push_back(toLayout(spine, bus));
        }
        points.push_back(toLayout(spine, middle));
        points.push_back(toLayout(to.x, middle));
    } else {
        const double target = to.x + to.width / 2;
        if (target != centre) {
            points.push_back(toLayout(centre, bus));
            points.push_back(toLayout(target, bus));
        }
        points.push_back(toLayout(target, to.y));
    }
}

void LayoutBuilder::findDottedLines()
{
    for (const auto &[manager, role] : m_model.dottedLines()) {
        if (m_layout.isShown(role) && m_layout.isShown(manager))
            m_dottedLines.emplace_back(manager, role);
    }
}

void LayoutBuilder::addDottedConnectors()
{
    for (const auto &[manager, role] : m_dottedLines) {
        const LayoutRect &from = m_layout.cards[static_cast<size_t>(manager)];
        const LayoutRect &to = m_layout.cards[static_cast<size_t>(role)];
        const double fromCentre = from.x + from.width / 2;
        const double toCentre = to.x + to.width / 2;
        const double fromMiddle = from.y + from.height / 2;
        const double toMiddle = to.y + to.height / 2;
        // A straight line between the facing edges: below, above or beside.
        LayoutPoint start;
        LayoutPoint end;
        if (to.y >= from.bottom()) {
            start = {fromCentre, from.bottom()};
            end = {toCentre, to.y};
        } else if (from.y >= to.bottom()) {
            start = {fromCentre, from.y};
            end = {toCentre, to.bottom()};
        } else if (to.x >= from.right()) {
            start = {from.right(), fromMiddle};
            end = {to.x, toMiddle};
        } else {
            start = {from.x, fromMiddle};
            end = {to.right(), toMiddle};
        }
        m_layout.connectors.push_back(
            {manager, role, true, {toLayout(start.x, start.y), toLayout(end.x, end.y)}});
    }
}

void LayoutBuilder::mapCards()
{
    if (m_options.orientation == Orientation::TopDown)
        return;
    for (const RoleIndex role : m_layout.shown) {
        LayoutRect &rect = m_layout.cards[static_cast<size_t>(role)];
        rect = {rect.y, rect.x, rect.height, rect.width};
    }
}

} // namespace

Layout computeLayout(const Model &model, const LayoutOptions &options, const LayoutScope &scope)
{
    thread_local Workspace workspace;
    return LayoutBuilder(model, options, scope, workspace).build();
}

} // namespace rolescope
