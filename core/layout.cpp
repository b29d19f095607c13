#include "core/layout.h"

#include <algorithm>
#include <limits>

// The tidy tree algorithm of Buchheim, Jünger and Leipert ("Improving Walker's algorithm to
// run in linear time", 2002), written with explicit stacks so that a reports_to chain 100,000
// deep cannot overflow the call stack.
//
// Everything is computed in an orientation-free space: "breadth" runs along a level (x when
// top-down) and "depth" runs from a manager to its reports (y when top-down). Only the final
// step maps it onto x and y.

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
    void collectShown();
    int countDescendants(RoleIndex role);
    void findBlocks();
    void buildLayoutTree();
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
    void placeTrees();

    void placeCards();
    double levelDepth(int level) const { return level * m_levelPitch; }
    void findOrigin();
    LayoutPoint toLayout(LayoutPoint point) const;
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
    Layout m_layout;
    LayoutPoint m_origin; // the top left corner in layout space
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
    std::vector<size_t> m_treeStart; // where each top's tree starts in m_preorder

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

    collectShown();
    if (m_layout.shown.empty())
        return std::move(m_layout);
    findBlocks();
    buildLayoutTree();
    walkTrees();
    placeTrees();
    placeCards();
    findOrigin();
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

void LayoutBuilder::collectShown()
{
    m_level.assign(static_cast<size_t>(m_roleCount), -1);
    m_expanded.assign(static_cast<size_t>(m_roleCount), 0);

    if (m_scope.root != NoRole) {
        if (m_scope.root >= 0 && m_scope.root < m_roleCount)
            m_tops.push_back(m_scope.root);
    } else {
        const auto tops = m_model.topRoles();
        m_tops.assign(tops.begin(), tops.end());
    }

    std::vector<RoleIndex> stack;
    for (auto it = m_tops.rbegin(); it != m_tops.rend(); ++it) {
        m_level[static_cast<size_t>(*it)] = 0;
        stack.push_back(*it);
    }
    m_layout.shown.reserve(static_cast<size_t>(m_roleCount));
    while (!stack.empty()) {
        const RoleIndex role = stack.back();
        stack.pop_back();
        m_layout.shown.push_back(role);
        const auto i = static_cast<size_t>(role);
        const auto reports = m_model.childrenOf(role);
        if (reports.empty())
            continue;
        const int level = m_level[i];
        if (isCollapsed(role) || (m_scope.maxDepth >= 0 && level >= m_scope.maxDepth)) {
            m_layout.hiddenBelow[i] = countDescendants(role);
            continue;
        }
        m_expanded[i] = 1;
        for (auto it = reports.rbegin(); it != reports.rend(); ++it) {
            m_level[static_cast<size_t>(*it)] = level + 1;
            stack.push_back(*it);
        }
    }
}

int LayoutBuilder::countDescendants(RoleIndex role)
{
    // The hidden subtrees are disjoint, so all the counting together stays linear. The bound
    // keeps an invalid model (one with a cycle) from looping forever.
    const auto reports = m_model.childrenOf(role);
    std::vector<RoleIndex> stack(reports.begin(), reports.end());
    int count = 0;
    while (!stack.empty() && count < m_roleCount) {
        const RoleIndex at = stack.back();
        stack.pop_back();
        ++count;
        const auto below = m_model.childrenOf(at);
        stack.insert(stack.end(), below.begin(), below.end());
    }
    return count;
}

void LayoutBuilder::findBlocks()
{
    m_blockOf.assign(static_cast<size_t>(m_roleCount), -1);
    if (!m_options.compact)
        return;
    const auto minLeaves = static_cast<size_t>(std::max(1, m_options.compactMinLeaves));
    const int maxColumns = std::max(1, m_options.compactMaxColumns);
    for (const RoleIndex role : m_layout.shown) {
        if (!m_expanded[static_cast<size_t>(role)])
            continue;
        const auto reports = m_model.childrenOf(role);
        if (reports.size() < minLeaves)
            continue;
        const bool allLeaves = std::none_of(reports.begin(), reports.end(), [this](RoleIndex r) {
            return m_expanded[static_cast<size_t>(r)];
        });
        if (!allLeaves)
            continue;
        Block block;
        block.manager = role;
        const int count = static_cast<int>(reports.size());
        block.rows = (count + maxColumns - 1) / maxColumns;
        // Columns are filled top to bottom, so balance them: 9 leaves in at most 4 columns
        // make 3 columns of 3, not 4 columns of 3, 3, 3 and 0.
        const int columns = (count + block.rows - 1) / block.rows;
        block.width = columns * (m_cardBreadth + 2 * m_options.siblingGap);
        m_blockOf[static_cast<size_t>(role)] = static_cast<int>(m_blocks.size());
        m_blocks.push_back(block);
    }
}

void LayoutBuilder::buildLayoutTree()
{
    // How many levels each block reaches into: every level whose band (card plus half the
    // level gap on either side) starts above the block's last row.
    std::vector<int> chainLength(m_blocks.size());
    size_t chainNodes = 0;
    for (size_t b = 0; b < m_blocks.size(); ++b) {
        const double height = m_blocks[b].rows * m_rowPitch - m_options.siblingGap;
        int levels = 1;
        while (levels * m_levelPitch - m_options.levelGap / 2 <= height)
            ++levels;
        chainLength[b] = levels;
        chainNodes += static_cast<size_t>(levels);
    }

    m_nodes.assign(static_cast<size_t>(m_roleCount) + chainNodes, Node());
    m_chainWidth.reserve(chainNodes);
    m_children.reserve(m_nodes.size());

    // Children are appended parent by parent, so each node's children are contiguous.
    int nextChainNode = m_roleCount;
    for (const RoleIndex role : m_layout.shown) {
        const auto i = static_cast<size_t>(role);
        if (!m_expanded[i])
            continue;
        const int blockIndex = m_blockOf[i];
        if (blockIndex < 0) {
            m_nodes[i].childStart = static_cast<int>(m_children.size());
            for (const RoleIndex report : m_model.childrenOf(role))
                addChild(role, report);
            continue;
        }
        Block &block = m_blocks[static_cast<size_t>(blockIndex)];
        block.firstChainNode = nextChainNode;
        int above = role;
        for (int k = 0; k < chainLength[static_cast<size_t>(blockIndex)]; ++k) {
            const int link = nextChainNode++;
            m_chainWidth.push_back(block.width);
            m_nodes[static_cast<size_t>(above)].childStart = static_cast<int>(m_children.size());
            addChild(above, link);
            above = link;
        }
    }
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
    m_preorder.clear();
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
    // modifiers above a node is known when it is reached. mod is reused to hold that sum.
    for (const int v : m_preorder) {
        Node &node = m_nodes[static_cast<size_t>(v)];
        const double above = node.parent == NoNode ? 0 : m_nodes[static_cast<size_t>(node.parent)].mod;
        node.prelim += above;
        node.mod += above;
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

void LayoutBuilder::placeTrees()
{
    // Trees of a forest side by side by their bounding boxes: a small tree never tucks in
    // above a big neighbour's reports, where it would look like their manager.
    double cursor = 0;
    for (size_t t = 0; t + 1 < m_treeStart.size(); ++t) {
        double low = std::numeric_limits<double>::max();
        double high = std::numeric_limits<double>::lowest();
        for (size_t k = m_treeStart[t]; k < m_treeStart[t + 1]; ++k) {
            const int v = m_preorder[k];
            const double centre = m_nodes[static_cast<size_t>(v)].prelim;
            low = std::min(low, centre - width(v) / 2);
            high = std::max(high, centre + width(v) / 2);
        }
        const double offset = cursor - low;
        for (size_t k = m_treeStart[t]; k < m_treeStart[t + 1]; ++k)
            m_nodes[static_cast<size_t>(m_preorder[k])].prelim += offset;
        cursor = high + offset + m_options.treeGap;
    }
}

void LayoutBuilder::placeCards()
{
    for (const int v : m_preorder) {
        if (v >= m_roleCount)
            continue;
        m_layout.cards[static_cast<size_t>(v)] = {
            m_nodes[static_cast<size_t>(v)].prelim - m_cardBreadth / 2,
            levelDepth(m_level[static_cast<size_t>(v)]), m_cardBreadth, m_cardDepth};
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
            m_layout.cards[static_cast<size_t>(reports[k])] = {
                left + m_options.siblingGap + column * columnPitch, top + row * m_rowPitch,
                m_cardBreadth, m_cardDepth};
        }
    }
}

void LayoutBuilder::findOrigin()
{
    double minBreadth = std::numeric_limits<double>::max();
    double minDepth = std::numeric_limits<double>::max();
    double maxBreadth = std::numeric_limits<double>::lowest();
    double maxDepth = std::numeric_limits<double>::lowest();
    for (const RoleIndex role : m_layout.shown) {
        const LayoutRect &rect = m_layout.cards[static_cast<size_t>(role)];
        minBreadth = std::min(minBreadth, rect.x);
        minDepth = std::min(minDepth, rect.y);
        maxBreadth = std::max(maxBreadth, rect.right());
        maxDepth = std::max(maxDepth, rect.bottom());
    }
    // Every connector runs between cards, except the spine left of a block's first column.
    for (const Block &block : m_blocks) {
        minBreadth = std::min(minBreadth, m_nodes[static_cast<size_t>(block.firstChainNode)].prelim
                                              - block.width / 2);
    }
    m_origin = {minBreadth, minDepth};
    m_layout.bounds = {0, 0, maxBreadth - minBreadth, maxDepth - minDepth};
    if (m_options.orientation == Orientation::LeftToRight)
        m_layout.bounds = {0, 0, m_layout.bounds.height, m_layout.bounds.width};
}

LayoutPoint LayoutBuilder::toLayout(LayoutPoint point) const
{
    const LayoutPoint shifted = {point.x - m_origin.x, point.y - m_origin.y};
    if (m_options.orientation == Orientation::LeftToRight)
        return {shifted.y, shifted.x};
    return shifted;
}

// An orthogonal polyline of at most five points, built in layout space.
class Polyline
{
public:
    void add(double breadth, double depth)
    {
        const LayoutPoint point = {breadth, depth};
        if (m_count > 0 && m_points[m_count - 1].x == breadth && m_points[m_count - 1].y == depth)
            return;
        // A point in line with the last segment only extends it.
        if (m_count >= 2) {
            const LayoutPoint &a = m_points[m_count - 2];
            const LayoutPoint &b = m_points[m_count - 1];
            if ((a.x == b.x && b.x == breadth) || (a.y == b.y && b.y == depth)) {
                m_points[m_count - 1] = point;
                return;
            }
        }
        m_points[m_count++] = point;
    }
    const LayoutPoint *begin() const { return m_points; }
    const LayoutPoint *end() const { return m_points + m_count; }
    int size() const { return m_count; }

private:
    LayoutPoint m_points[5];
    int m_count = 0;
};

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
        const bool stacked = m_blockOf[i] >= 0;
        for (const RoleIndex report : m_model.childrenOf(manager)) {
            const LayoutRect &to = m_layout.cards[static_cast<size_t>(report)];
            Polyline line;
            line.add(centre, from.bottom());
            line.add(centre, bus);
            if (stacked) {
                // Down a spine left of the column, then a short stub into the card's side.
                const double spine = to.x - m_options.siblingGap;
                const double middle = to.y + to.height / 2;
                line.add(spine, bus);
                line.add(spine, middle);
                line.add(to.x, middle);
            } else {
                const double target = to.x + to.width / 2;
                line.add(target, bus);
                line.add(target, to.y);
            }
            LayoutConnector &connector = connectors.emplace_back();
            connector.from = manager;
            connector.to = report;
            connector.points.reserve(static_cast<size_t>(line.size()));
            for (const LayoutPoint &point : line)
                connector.points.push_back(toLayout(point));
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
        m_layout.connectors.push_back({manager, role, true, {toLayout(start), toLayout(end)}});
    }
}

void LayoutBuilder::mapCards()
{
    const bool swap = m_options.orientation == Orientation::LeftToRight;
    for (const RoleIndex role : m_layout.shown) {
        LayoutRect &rect = m_layout.cards[static_cast<size_t>(role)];
        rect.x -= m_origin.x;
        rect.y -= m_origin.y;
        if (swap)
            rect = {rect.y, rect.x, rect.height, rect.width};
    }
}

} // namespace

Layout computeLayout(const Model &model, const LayoutOptions &options, const LayoutScope &scope)
{
    return LayoutBuilder(model, options, scope).build();
}

} // namespace rolescope
