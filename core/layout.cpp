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

// While the first walk is inside a node: which child comes next, and the default ancestor of
// Buchheim et al. for the children finished so far.
struct Frame
{
    int node;
    int nextChild;
    int defaultAncestor;
};

// A node of the layout tree: a shown role (unless stacked in a block) or a link of a block's
// chain. One struct per node rather than parallel arrays: the walks touch all fields of a
// node together, and for 100,000 nodes that decides between one cache miss and a dozen.
struct Node
{
    int parent = NoNode;
    int number = 0; // position among its siblings
    int childStart = 0;
    int childCount = 0;
    int thread = NoNode;
    int ancestor = NoNode;
    double prelim = 0; // after the second walk: the final centre
    double mod = 0;
    double shift = 0;
    double change = 0;
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
    void addBlock(RoleIndex manager, int leaves);
    void addChild(int parent, int child);

    // Buchheim et al.: the first walk runs in post-order, the second in pre-order.
    void walkTrees();
    void finishNode(int v);
    void apportion(int v, int &defaultAncestor);
    void moveSubtree(int wm, int wp, double shift);
    void executeShifts(int v);
    int nextLeft(int v) const;
    int nextRight(int v) const;
    int leftSibling(int v) const;
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

    // The layout tree: indices below m_roleCount are roles, the rest block chains.
    std::vector<Node> m_nodes;
    std::vector<double> m_chainWidth; // per block chain node, from m_roleCount on
    std::vector<int> m_children;
    std::vector<int> m_preorder;
    std::vector<size_t> m_treeStart;  // where each top's tree starts in m_preorder
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
    m_nodes.assign(count, Node());
    m_children.reserve(count);

    if (m_scope.root != NoRole) {
        if (m_scope.root >= 0 && m_scope.root < m_roleCount && !inCycle(m_scope.root))
            m_tops.push_back(m_scope.root);
    } else {
        const auto tops = m_model.topRoles();
        m_tops.assign(tops.begin(), tops.end());
    }

    std::vector<RoleIndex> stack;
    for (auto it = m_tops.rbegin(); it != m_tops.rend(); ++it) {
        m_level[static_cast<size_t>(*it)] = 0;
        m_expanded[static_cast<size_t>(*it)] = opens(*it, 0);
        stack.push_back(*it);
    }
    m_layout.shown.reserve(count);
    const auto minLeaves = static_cast<size_t>(std::max(1, m_options.compactMinLeaves));
    while (!stack.empty()) {
        const RoleIndex role = stack.back();
        stack.pop_back();
        m_layout.shown.push_back(role);
        const auto i = static_cast<size_t>(role);
        const auto reports = m_model.childrenOf(role);
        if (!m_expanded[i]) {
            if (!reports.empty())
                m_layout.hiddenBelow[i] = countDescendants(role);
            continue;
        }
        const int level = m_level[i] + 1;
        bool allLeaves = true;
        for (auto it = reports.rbegin(); it != reports.rend(); ++it) {
            const auto report = static_cast<size_t>(*it);
            m_level[report] = level;
            m_expanded[report] = opens(*it, level);
            allLeaves = allLeaves && !m_expanded[report];
            stack.push_back(*it);
        }
        if (m_options.compact && allLeaves && reports.size() >= minLeaves) {
            addBlock(role, static_cast<int>(reports.size()));
        } else {
            m_nodes[i].childStart = static_cast<int>(m_children.size());
            for (const RoleIndex report : reports)
                addChild(role, report);
        }
    }
}

int LayoutBuilder::countDescendants(RoleIndex role)
{
    // The hidden subtrees are disjoint, so all the counting together stays linear.
    const auto reports = m_model.childrenOf(role);
    std::vector<RoleIndex> stack(reports.begin(), reports.end());
    int count = 0;
    while (!stack.empty()) {
        const RoleIndex at = stack.back();
        stack.pop_back();
        ++count;
        const auto below = m_model.childrenOf(at);
        stack.insert(stack.end(), below.begin(), below.end());
    }
    return count;
}

void LayoutBuilder::addBlock(RoleIndex manager, int leaves)
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
    int above = manager;
    for (int k = 0; k < levels; ++k) {
        const int link = static_cast<int>(m_nodes.size());
        m_nodes.emplace_back();
        m_chainWidth.push_back(block.width);
        m_nodes[static_cast<size_t>(above)].childStart = static_cast<int>(m_children.size());
        addChild(above, link);
        above = link;
    }
    m_blockOf[static_cast<size_t>(manager)] = static_cast<int>(m_blocks.size());
    m_blocks.push_back(block);
}

void LayoutBuilder::addChild(int parent, int child)
{
    Node &node = m_nodes[static_cast<size_t>(child)];
    node.parent = parent;
    node.number = m_nodes[static_cast<size_t>(parent)].childCount++;
    m_children.push_back(child);
}

void LayoutBuilder::walkTrees()
{
    for (size_t v = 0; v < m_nodes.size(); ++v)
        m_nodes[v].ancestor = static_cast<int>(v);
    m_preorder.reserve(m_nodes.size());

    // First walk: a node is finished once all of its children are, left to right.
    std::vector<Frame> stack;
    for (const RoleIndex top : m_tops) {
        m_treeStart.push_back(m_preorder.size());
        m_preorder.push_back(top);
        stack.push_back({top, 0, NoNode});
        while (!stack.empty()) {
            Frame &frame = stack.back();
            const Node &node = m_nodes[static_cast<size_t>(frame.node)];
            if (frame.nextChild < node.childCount) {
                const int child = m_children[static_cast<size_t>(node.childStart + frame.nextChild)];
                ++frame.nextChild;
                m_preorder.push_back(child);
                stack.push_back({child, 0, NoNode});
            } else {
                const int finished = frame.node;
                stack.pop_back();
                finishNode(finished);
                if (!stack.empty())
                    apportion(finished, stack.back().defaultAncestor);
            }
        }
    }
    m_treeStart.push_back(m_preorder.size());

    // Second walk: parents come before their children in pre-order, so the sum of the
    // modifiers above a node is known when it is reached; mod is reused to hold that sum.
    // The trees of a forest then go side by side by their extents: a small tree never tucks
    // in above a big neighbour's reports, where it would look like their manager.
    double cursor = 0;
    for (size_t t = 0; t + 1 < m_treeStart.size(); ++t) {
        double low = std::numeric_limits<double>::max();
        double high = std::numeric_limits<double>::lowest();
        for (size_t k = m_treeStart[t]; k < m_treeStart[t + 1]; ++k) {
            const int v = m_preorder[k];
            Node &node = m_nodes[static_cast<size_t>(v)];
            const double above = node.parent == NoNode
                                     ? 0
                                     : m_nodes[static_cast<size_t>(node.parent)].mod;
            node.prelim += above;
            node.mod += above;
            low = std::min(low, node.prelim - width(v) / 2);
            high = std::max(high, node.prelim + width(v) / 2);
        }
        m_treeOffset.push_back(cursor - low);
        cursor += high - low + m_options.treeGap;
    }
}

void LayoutBuilder::finishNode(int v)
{
    Node &node = m_nodes[static_cast<size_t>(v)];
    const int left = leftSibling(v);
    const double besideLeft = left == NoNode ? 0
                                             : m_nodes[static_cast<size_t>(left)].prelim
                                                   + separation(left, v, m_options.siblingGap);
    if (node.childCount > 0) {
        executeShifts(v);
        const auto start = static_cast<size_t>(node.childStart);
        const Node &first = m_nodes[static_cast<size_t>(m_children[start])];
        const Node &last =
            m_nodes[static_cast<size_t>(m_children[start + static_cast<size_t>(node.childCount) - 1])];
        const double midpoint = (first.prelim + last.prelim) / 2;
        if (left != NoNode) {
            node.prelim = besideLeft;
            node.mod = node.prelim - midpoint;
        } else {
            node.prelim = midpoint;
        }
    } else {
        node.prelim = besideLeft;
    }
}

int LayoutBuilder::leftSibling(int v) const
{
    const Node &node = m_nodes[static_cast<size_t>(v)];
    if (node.parent == NoNode || node.number == 0)
        return NoNode;
    const int start = m_nodes[static_cast<size_t>(node.parent)].childStart;
    return m_children[static_cast<size_t>(start + node.number - 1)];
}

int LayoutBuilder::nextLeft(int v) const
{
    const Node &node = m_nodes[static_cast<size_t>(v)];
    return node.childCount > 0 ? m_children[static_cast<size_t>(node.childStart)] : node.thread;
}

int LayoutBuilder::nextRight(int v) const
{
    const Node &node = m_nodes[static_cast<size_t>(v)];
    return node.childCount > 0
               ? m_children[static_cast<size_t>(node.childStart + node.childCount - 1)]
               : node.thread;
}

double LayoutBuilder::width(int v) const
{
    return v < m_roleCount ? m_cardBreadth : m_chainWidth[static_cast<size_t>(v - m_roleCount)];
}

double LayoutBuilder::separation(int left, int right, double gap) const
{
    return (width(left) + width(right)) / 2 + gap;
}

void LayoutBuilder::apportion(int v, int &defaultAncestor)
{
    const int parent = m_nodes[static_cast<size_t>(v)].parent;
    const int left = leftSibling(v);
    if (left == NoNode) {
        defaultAncestor = v;
        return;
    }
    auto at = [this](int index) -> Node & { return m_nodes[static_cast<size_t>(index)]; };
    // i: inner contours facing each other, o: outer contours; m: left part, p: right part.
    int vip = v;
    int vop = v;
    int vim = left;
    int vom = m_children[static_cast<size_t>(m_nodes[static_cast<size_t>(parent)].childStart)];
    double sip = at(vip).mod;
    double sop = at(vop).mod;
    double sim = at(vim).mod;
    double som = at(vom).mod;
    int nextRightOfLeft = nextRight(vim);
    int nextLeftOfRight = nextLeft(vip);
    while (nextRightOfLeft != NoNode && nextLeftOfRight != NoNode) {
        vim = nextRightOfLeft;
        vip = nextLeftOfRight;
        vom = nextLeft(vom);
        vop = nextRight(vop);
        at(vop).ancestor = v;
        const double shift = (at(vim).prelim + sim) - (at(vip).prelim + sip)
                             + separation(vim, vip, m_options.subtreeGap);
        if (shift > 0) {
            const int ancestor = at(vim).ancestor;
            moveSubtree(at(ancestor).parent == parent ? ancestor : defaultAncestor, v, shift);
            sip += shift;
            sop += shift;
        }
        sim += at(vim).mod;
        sip += at(vip).mod;
        som += at(vom).mod;
        sop += at(vop).mod;
        nextRightOfLeft = nextRight(vim);
        nextLeftOfRight = nextLeft(vip);
    }
    if (nextRightOfLeft != NoNode && nextRight(vop) == NoNode) {
        at(vop).thread = nextRightOfLeft;
        at(vop).mod += sim - sop;
    }
    if (nextLeftOfRight != NoNode && nextLeft(vom) == NoNode) {
        at(vom).thread = nextLeftOfRight;
        at(vom).mod += sip - som;
        defaultAncestor = v;
    }
}

void LayoutBuilder::moveSubtree(int wm, int wp, double shift)
{
    Node &m = m_nodes[static_cast<size_t>(wm)];
    Node &p = m_nodes[static_cast<size_t>(wp)];
    const double perSubtree = shift / (p.number - m.number);
    p.change -= perSubtree;
    p.shift += shift;
    m.change += perSubtree;
    p.prelim += shift;
    p.mod += shift;
}

void LayoutBuilder::executeShifts(int v)
{
    const Node &node = m_nodes[static_cast<size_t>(v)];
    double shift = 0;
    double change = 0;
    for (int k = node.childCount - 1; k >= 0; --k) {
        Node &w = m_nodes[static_cast<size_t>(m_children[static_cast<size_t>(node.childStart + k)])];
        w.prelim += shift;
        w.mod += shift;
        change += w.change;
        shift += w.shift + change;
    }
}

void LayoutBuilder::placeCards()
{
    double maxBreadth = 0;
    double maxDepth = 0;
    for (size_t t = 0; t < m_treeOffset.size(); ++t) {
        const double offset = m_treeOffset[t];
        for (size_t k = m_treeStart[t]; k < m_treeStart[t + 1]; ++k) {
            const int v = m_preorder[k];
            Node &node = m_nodes[static_cast<size_t>(v)];
            node.prelim += offset;
            if (v >= m_roleCount)
                continue;
            const LayoutRect card = {node.prelim - m_cardBreadth / 2,
                                     levelDepth(m_level[static_cast<size_t>(v)]), m_cardBreadth,
                                     m_cardDepth};
            m_layout.cards[static_cast<size_t>(v)] = card;
            maxBreadth = std::max(maxBreadth, card.right());
            maxDepth = std::max(maxDepth, card.bottom());
        }
    }
    const double columnPitch = m_cardBreadth + 2 * m_options.siblingGap;
    for (const Block &block : m_blocks) {
        const double left = m_nodes[static_cast<size_t>(block.firstChainNode)].prelim
                            - block.width / 2;
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
    // In file order: walking the roles in memory order is much kinder to the cache than
    // visiting them in the order of the chart.
    for (RoleIndex role = 0; role < m_roleCount; ++role) {
        const Role &report = m_model.role(role);
        if (report.alsoReportsTo.empty() || !m_layout.isShown(role))
            continue;
        for (const std::string &id : report.alsoReportsTo) {
            const RoleIndex manager = m_model.find(id);
            if (manager != NoRole && manager != role && m_layout.isShown(manager))
                m_dottedLines.emplace_back(manager, role);
        }
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
