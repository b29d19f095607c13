#include "core/layout.h"

#include <algorithm>
#include <limits>

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
    int rows = 0;
    double width = 0;       // a spine lane left of every column, and as much on the right
    int firstChainNode = 0; // the layout node of the block on the level below the manager
};

// A node of the layout tree: a shown role (unless stacked in a block) or a link of a block's
// chain. Nodes are numbered in pre-order, so a subtree is one contiguous run of them, and
// each fills one cache line: following contours jumps around the tree, and for 100,000
// nodes the cache misses decide the running time.
struct alignas(64) Node
{
    int parent = NoNode;
    int role = NoRole;      // for a link of a block's chain: -1 - the block's index
    int number = 0;         // position among its siblings
    int leftSibling = NoNode;
    int lastChild = NoNode;
    int nextLeft = NoNode;  // on the left contour: the first child, or a thread
    int nextRight = NoNode; // on the right contour: the last child, or a thread
    int ancestor = NoNode;
    double prelim = 0;      // after the second walk: the final centre
    double mod = 0;
    double shift = 0;
    double change = 0;
};

// A node the first walk is inside of, with the default ancestor of Buchheim et al. for the
// children finished so far.
struct OpenNode
{
    int node;
    int defaultAncestor;
};

class LayoutBuilder
{
public:
    LayoutBuilder(const Model &model, const LayoutOptions &options, const LayoutScope &scope);

    Layout build();

private:
    bool isCollapsed(RoleIndex role) const;
    bool opens(RoleIndex role, int level) const;
    bool inCycle(RoleIndex role) const;
    void collectTree();
    int countDescendants(RoleIndex role);
    int addNode(int parent, int role);
    void addBlock(RoleIndex manager, int managerNode, int leaves);

    // Buchheim et al.: the first walk runs in post-order, the second in pre-order.
    void walkTrees();
    void finishNode(int v);
    void apportion(int v, int &defaultAncestor);
    void moveSubtree(int wm, int wp, double shift);
    void executeShifts(int v);
    Node &node(int v) { return m_nodes[static_cast<size_t>(v)]; }
    double width(int v) const;
    double separation(int left, int right, double gap) const;

    void placeCards();
    double levelDepth(int level) const { return level * m_levelPitch; }
    LayoutPoint toLayout(double breadth, double depth) const;
    void findDottedLines();
    void addTreeConnectors();
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
    std::vector<int> m_level;        // per role; -1 when not shown
    std::vector<char> m_expanded;    // per role: its reports are shown
    std::vector<RoleIndex> m_tops;   // the roots of the laid out trees, left to right
    std::vector<Block> m_blocks;
    std::vector<int> m_blockOf;      // per role: the block of its reports, or -1
    std::vector<RoleIndex> m_hiddenStack; // for countDescendants()

    std::vector<Node> m_nodes;        // in pre-order
    std::vector<int> m_treeStart;     // the first node of each tree, and then the node count
    std::vector<double> m_treeOffset; // moves each tree to its place in the forest

    std::vector<std::pair<RoleIndex, RoleIndex>> m_dottedLines; // manager, report
};

LayoutBuilder::LayoutBuilder(const Model &model, const LayoutOptions &options,
                             const LayoutScope &scope)
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
{}

Layout LayoutBuilder::build()
{
    const auto count = static_cast<size_t>(m_roleCount);
    m_layout.cards.assign(count, LayoutRect());
    m_layout.hiddenBelow.assign(count, 0);

    collectTree();
    if (m_layout.shown.empty())
        return std::move(m_layout);
    walkTrees();
    placeCards();
    findDottedLines();
    addTreeConnectors();
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
bool LayoutBuilder::opens(RoleIndex role, int level) const
{
    return !m_model.childrenOf(role).empty() && !isCollapsed(role)
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
    m_level.assign(count, -1);
    m_expanded.assign(count, 0);
    m_blockOf.assign(count, -1);
    m_nodes.reserve(count);

    if (m_scope.root != NoRole) {
        if (m_scope.root >= 0 && m_scope.root < m_roleCount && !inCycle(m_scope.root))
            m_tops.push_back(m_scope.root);
    } else {
        const auto tops = m_model.topRoles();
        m_tops.assign(tops.begin(), tops.end());
    }

    // Pre-order, each role with the layout node of its manager; reports stacked in a block
    // are shown but get no node of their own.
    constexpr int Stacked = -2;
    struct Visit
    {
        RoleIndex role;
        int parentNode;
    };
    std::vector<Visit> stack;
    for (auto it = m_tops.rbegin(); it != m_tops.rend(); ++it) {
        m_level[static_cast<size_t>(*it)] = 0;
        m_expanded[static_cast<size_t>(*it)] = opens(*it, 0);
        stack.push_back({*it, NoNode});
    }
    m_layout.shown.reserve(count);
    const auto minLeaves = static_cast<size_t>(std::max(1, m_options.compactMinLeaves));
    while (!stack.empty()) {
        const Visit visit = stack.back();
        stack.pop_back();
        const RoleIndex role = visit.role;
        m_layout.shown.push_back(role);
        const auto i = static_cast<size_t>(role);
        const auto reports = m_model.childrenOf(role);
        if (!m_expanded[i] && !reports.empty())
            m_layout.hiddenBelow[i] = countDescendants(role);
        if (visit.parentNode == Stacked)
            continue;
        if (visit.parentNode == NoNode)
            m_treeStart.push_back(static_cast<int>(m_nodes.size()));
        const int v = addNode(visit.parentNode, role);
        if (!m_expanded[i])
            continue;

        const int level = m_level[i] + 1;
        bool allLeaves = true;
        for (const RoleIndex report : reports) {
            const auto r = static_cast<size_t>(report);
            m_level[r] = level;
            m_expanded[r] = opens(report, level);
            allLeaves = allLeaves && !m_expanded[r];
        }
        const bool stacked = m_options.compact && allLeaves && reports.size() >= minLeaves;
        if (stacked)
            addBlock(role, v, static_cast<int>(reports.size()));
        for (auto it = reports.rbegin(); it != reports.rend(); ++it)
            stack.push_back({*it, stacked ? Stacked : v});
    }
    m_treeStart.push_back(static_cast<int>(m_nodes.size()));
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

int LayoutBuilder::addNode(int parent, int role)
{
    const int v = static_cast<int>(m_nodes.size());
    Node &child = m_nodes.emplace_back();
    child.parent = parent;
    child.role = role;
    child.ancestor = v;
    if (parent != NoNode) {
        Node &manager = node(parent);
        if (manager.lastChild == NoNode) {
            manager.nextLeft = v;
        } else {
            child.leftSibling = manager.lastChild;
            child.number = node(manager.lastChild).number + 1;
        }
        manager.lastChild = v;
        manager.nextRight = v;
    }
    return v;
}

void LayoutBuilder::addBlock(RoleIndex manager, int managerNode, int leaves)
{
    const int maxColumns = std::max(1, m_options.compactMaxColumns);
    Block block;
    block.manager = manager;
    block.rows = (leaves + maxColumns - 1) / maxColumns;
    // Columns are filled top to bottom, so balance them: 9 leaves in at most 4 columns make
    // 3 columns of 3, not 4 columns of 3, 3, 3 and 0.
    const int columns = (leaves + block.rows - 1) / block.rows;
    block.width = columns * (m_cardBreadth + 2 * m_options.siblingGap);
    block.firstChainNode = static_cast<int>(m_nodes.size());

    // The chain reaches into every level whose band (card plus half the level gap on either
    // side) starts above the block's last row.
    const double height = block.rows * m_rowPitch - m_options.siblingGap;
    int levels = 1;
    while (levels * m_levelPitch - m_options.levelGap / 2 <= height)
        ++levels;
    const int chainRole = -1 - static_cast<int>(m_blocks.size());
    int above = managerNode;
    for (int k = 0; k < levels; ++k)
        above = addNode(above, chainRole);
    m_blockOf[static_cast<size_t>(manager)] = static_cast<int>(m_blocks.size());
    m_blocks.push_back(block);
}

void LayoutBuilder::walkTrees()
{
    // First walk, in post-order: in pre-order, a node's subtree is over when a node comes
    // that is not below it.
    std::vector<OpenNode> open;
    auto finishInnermost = [this, &open] {
        const int finished = open.back().node;
        open.pop_back();
        finishNode(finished);
        if (!open.empty())
            apportion(finished, open.back().defaultAncestor);
    };
    const int count = static_cast<int>(m_nodes.size());
    for (int v = 0; v < count; ++v) {
        const int parent = node(v).parent;
        while (!open.empty() && open.back().node != parent)
            finishInnermost();
        open.push_back({v, NoNode});
    }
    while (!open.empty())
        finishInnermost();

    // Second walk: parents come before their children in pre-order, so the sum of the
    // modifiers above a node is known when it is reached; mod is reused to hold that sum.
    // The trees of a forest then go side by side by their extents: a small tree never tucks
    // in above a big neighbour's reports, where it would look like their manager.
    double cursor = 0;
    for (size_t t = 0; t + 1 < m_treeStart.size(); ++t) {
        double low = std::numeric_limits<double>::max();
        double high = std::numeric_limits<double>::lowest();
        for (int v = m_treeStart[t]; v < m_treeStart[t + 1]; ++v) {
            Node &at = node(v);
            const double above = at.parent == NoNode ? 0 : node(at.parent).mod;
            at.prelim += above;
            at.mod += above;
            low = std::min(low, at.prelim - width(v) / 2);
            high = std::max(high, at.prelim + width(v) / 2);
        }
        m_treeOffset.push_back(cursor - low);
        cursor += high - low + m_options.treeGap;
    }
}

void LayoutBuilder::finishNode(int v)
{
    Node &at = node(v);
    const int left = at.leftSibling;
    const double besideLeft = left == NoNode ? 0
                                             : node(left).prelim
                                                   + separation(left, v, m_options.siblingGap);
    if (at.lastChild != NoNode) {
        executeShifts(v);
        const double midpoint = (node(at.nextLeft).prelim + node(at.lastChild).prelim) / 2;
        if (left != NoNode) {
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

void LayoutBuilder::apportion(int v, int &defaultAncestor)
{
    const int left = node(v).leftSibling;
    if (left == NoNode) {
        defaultAncestor = v;
        return;
    }
    const int parent = node(v).parent;
    // i: inner contours facing each other, o: outer contours; m: left part, p: right part.
    int vip = v;
    int vop = v;
    int vim = left;
    int vom = node(parent).nextLeft;
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
            const int ancestor = node(vim).ancestor;
            moveSubtree(node(ancestor).parent == parent ? ancestor : defaultAncestor, v, shift);
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
    Node &m = node(wm);
    Node &p = node(wp);
    const double perSubtree = shift / (p.number - m.number);
    p.change -= perSubtree;
    p.shift += shift;
    m.change += perSubtree;
    p.prelim += shift;
    p.mod += shift;
}

void LayoutBuilder::executeShifts(int v)
{
    double shift = 0;
    double change = 0;
    for (int w = node(v).lastChild; w != NoNode; w = node(w).leftSibling) {
        Node &child = node(w);
        child.prelim += shift;
        child.mod += shift;
        change += child.change;
        shift += child.shift + change;
    }
}

void LayoutBuilder::placeCards()
{
    double maxBreadth = 0;
    double maxDepth = 0;
    for (size_t t = 0; t < m_treeOffset.size(); ++t) {
        const double offset = m_treeOffset[t];
        for (int v = m_treeStart[t]; v < m_treeStart[t + 1]; ++v) {
            Node &at = node(v);
            at.prelim += offset;
            if (at.role < 0)
                continue;
            const auto role = static_cast<size_t>(at.role);
            const LayoutRect card = {at.prelim - m_cardBreadth / 2, levelDepth(m_level[role]),
                                     m_cardBreadth, m_cardDepth};
            m_layout.cards[role] = card;
            maxBreadth = std::max(maxBreadth, card.right());
            maxDepth = std::max(maxDepth, card.bottom());
        }
    }
    const double columnPitch = m_cardBreadth + 2 * m_options.siblingGap;
    for (const Block &block : m_blocks) {
        const double left = node(block.firstChainNode).prelim - block.width / 2;
        const double top = levelDepth(m_level[static_cast<size_t>(block.manager)] + 1);
        const auto reports = m_model.childrenOf(block.manager);
        for (size_t k = 0; k < reports.size(); ++k) {
            const int column = static_cast<int>(k) / block.rows;
            const int row = static_cast<int>(k) % block.rows;
            const LayoutRect card = {left + m_options.siblingGap + column * columnPitch,
                                     top + row * m_rowPitch, m_cardBreadth, m_cardDepth};
            m_layout.cards[static_cast<size_t>(reports[k])] = card;
            maxBreadth = std::max(maxBreadth, card.right());
            maxDepth = std::max(maxDepth, card.bottom());
        }
    }
    // Nothing lies left of or above the trees, and connectors run between cards or, for the
    // spines of blocks, inside the trees' extents.
    m_layout.bounds = {0, 0, maxBreadth, maxDepth};
    if (m_options.orientation == Orientation::LeftToRight)
        m_layout.bounds = {0, 0, maxDepth, maxBreadth};
}

LayoutPoint LayoutBuilder::toLayout(double breadth, double depth) const
{
    if (m_options.orientation == Orientation::LeftToRight)
        return {depth, breadth};
    return {breadth, depth};
}

void LayoutBuilder::addTreeConnectors()
{
    auto &connectors = m_layout.connectors;
    // Every shown role but the tops has one line from its manager.
    connectors.reserve(m_layout.shown.size() - m_tops.size() + m_dottedLines.size());
    for (const RoleIndex manager : m_layout.shown) {
        const auto i = static_cast<size_t>(manager);
        if (!m_expanded[i])
            continue;
        const LayoutRect &from = m_layout.cards[i];
        const double centre = from.x + from.width / 2;
        const double bus = from.bottom() + m_options.levelGap / 2;
        const LayoutPoint start = toLayout(centre, from.bottom());
        const bool stacked = m_blockOf[i] >= 0;
        for (const RoleIndex report : m_model.childrenOf(manager)) {
            const LayoutRect &to = m_layout.cards[static_cast<size_t>(report)];
            LayoutConnector &connector = connectors.emplace_back();
            connector.from = manager;
            connector.to = report;
            if (stacked) {
                // Down a spine left of the column, then a short stub into the card's side.
                const double spine = to.x - m_options.siblingGap;
                const double middle = to.y + to.height / 2;
                if (spine == centre) {
                    connector.points = {start, toLayout(spine, middle), toLayout(to.x, middle)};
                } else {
                    connector.points = {start, toLayout(centre, bus), toLayout(spine, bus),
                                        toLayout(spine, middle), toLayout(to.x, middle)};
                }
            } else {
                const double target = to.x + to.width / 2;
                if (target == centre) {
                    connector.points = {start, toLayout(target, to.y)};
                } else {
                    connector.points = {start, toLayout(centre, bus), toLayout(target, bus),
                                        toLayout(target, to.y)};
                }
            }
        }
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
    return LayoutBuilder(model, options, scope).build();
}

} // namespace rolescope
