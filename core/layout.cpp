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
    void apportion(int v);
    void moveSubtree(int wm, int wp, double shift);
    void executeShifts(int v);
    int nextLeft(int v) const;
    int nextRight(int v) const;
    int leftSibling(int v) const;
    double separation(int left, int right, double gap) const;
    void placeTrees();

    void placeCards();
    double levelDepth(int level) const { return level * m_levelPitch; }
    LayoutRect card(double breadthCentre, double depthTop) const;
    void addTreeConnectors();
    void addDottedConnectors();
    void mapToOrientation();

    const Model &m_model;
    const LayoutOptions &m_options;
    const LayoutScope &m_scope;
    const int m_roleCount;
    const double m_cardBreadth;
    const double m_cardDepth;
    const double m_levelPitch;
    const double m_rowPitch; // between the rows of a block

    Layout m_layout;
    std::vector<int> m_level;        // per layout node; -1 for a role that is not shown
    std::vector<char> m_expanded;    // per role: its reports are shown
    std::vector<RoleIndex> m_tops;   // the roots of the laid out trees, left to right
    std::vector<Block> m_blocks;
    std::vector<int> m_blockOf;      // per role: the block of its reports, or -1

    // The layout tree: the shown roles that are not stacked in a block, plus block chains.
    int m_nodeCount = 0;
    std::vector<int> m_parent;
    std::vector<int> m_number;       // position among its siblings
    std::vector<int> m_childStart;
    std::vector<int> m_childCount;
    std::vector<int> m_children;
    std::vector<double> m_width;
    std::vector<double> m_prelim;
    std::vector<double> m_mod;
    std::vector<double> m_shift;
    std::vector<double> m_change;
    std::vector<int> m_thread;
    std::vector<int> m_ancestor;
    std::vector<int> m_defaultAncestor;
    std::vector<double> m_breadth;   // final centre of each node
    std::vector<int> m_preorder;
    std::vector<size_t> m_treeStart; // where each top's tree starts in m_preorder
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
    findBlocks();
    buildLayoutTree();
    walkTrees();
    placeTrees();
    placeCards();
    addTreeConnectors();
    addDottedConnectors();
    mapToOrientation();
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
    std::vector<RoleIndex> stack(m_model.childrenOf(role).begin(), m_model.childrenOf(role).end());
    int count = 0;
    while (!stack.empty() && count < m_roleCount) {
        const RoleIndex at = stack.back();
        stack.pop_back();
        ++count;
        const auto reports = m_model.childrenOf(at);
        stack.insert(stack.end(), reports.begin(), reports.end());
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
    int chainNodes = 0;
    for (size_t b = 0; b < m_blocks.size(); ++b) {
        const double height = m_blocks[b].rows * m_rowPitch - m_options.siblingGap;
        int levels = 1;
        while (levels * m_levelPitch - m_options.levelGap / 2 <= height)
            ++levels;
        chainLength[b] = levels;
        chainNodes += levels;
    }

    m_nodeCount = m_roleCount + chainNodes;
    const auto nodes = static_cast<size_t>(m_nodeCount);
    m_level.resize(nodes, -1);
    m_parent.assign(nodes, NoNode);
    m_number.assign(nodes, 0);
    m_childStart.assign(nodes, 0);
    m_childCount.assign(nodes, 0);
    m_children.clear();
    m_children.reserve(nodes);
    m_width.assign(nodes, m_cardBreadth);

    // Children are appended parent by parent, so each node's children are contiguous.
    int nextChainNode = m_roleCount;
    for (const RoleIndex role : m_layout.shown) {
        const auto i = static_cast<size_t>(role);
        if (!m_expanded[i])
            continue;
        const int blockIndex = m_blockOf[i];
        if (blockIndex < 0) {
            m_childStart[i] = static_cast<int>(m_children.size());
            for (const RoleIndex report : m_model.childrenOf(role))
                addChild(role, report);
            continue;
        }
        Block &block = m_blocks[static_cast<size_t>(blockIndex)];
        block.firstChainNode = nextChainNode;
        int above = role;
        for (int k = 0; k < chainLength[static_cast<size_t>(blockIndex)]; ++k) {
            const int node = nextChainNode++;
            m_width[static_cast<size_t>(node)] = block.width;
            m_level[static_cast<size_t>(node)] = m_level[i] + 1 + k;
            m_childStart[static_cast<size_t>(above)] = static_cast<int>(m_children.size());
            addChild(above, node);
            above = node;
        }
    }
}

void LayoutBuilder::addChild(int parent, int child)
{
    const auto p = static_cast<size_t>(parent);
    m_parent[static_cast<size_t>(child)] = parent;
    m_number[static_cast<size_t>(child)] = m_childCount[p]++;
    m_children.push_back(child);
}

void LayoutBuilder::walkTrees()
{
    const auto nodes = static_cast<size_t>(m_nodeCount);
    m_prelim.assign(nodes, 0);
    m_mod.assign(nodes, 0);
    m_shift.assign(nodes, 0);
    m_change.assign(nodes, 0);
    m_thread.assign(nodes, NoNode);
    m_defaultAncestor.assign(nodes, NoNode);
    m_ancestor.resize(nodes);
    for (size_t v = 0; v < nodes; ++v)
        m_ancestor[v] = static_cast<int>(v);
    m_preorder.clear();
    m_preorder.reserve(nodes);

    // First walk: a node is finished once all of its children are, left to right.
    struct Frame
    {
        int node;
        int nextChild;
    };
    std::vector<Frame> stack;
    for (const RoleIndex top : m_tops) {
        m_treeStart.push_back(m_preorder.size());
        m_preorder.push_back(top);
        stack.push_back({top, 0});
        while (!stack.empty()) {
            Frame &frame = stack.back();
            const auto v = static_cast<size_t>(frame.node);
            if (frame.nextChild < m_childCount[v]) {
                const int child = m_children[static_cast<size_t>(m_childStart[v] + frame.nextChild)];
                ++frame.nextChild;
                m_preorder.push_back(child);
                stack.push_back({child, 0});
            } else {
                finishNode(frame.node);
                stack.pop_back();
            }
        }
    }
    m_treeStart.push_back(m_preorder.size());

    // Second walk: parents come before their children in pre-order, so the sum of the
    // modifiers above a node is known when it is reached. m_mod is reused to hold that sum.
    m_breadth.assign(nodes, 0);
    for (const int v : m_preorder) {
        const auto i = static_cast<size_t>(v);
        const int parent = m_parent[i];
        const double above = parent == NoNode ? 0 : m_mod[static_cast<size_t>(parent)];
        m_breadth[i] = m_prelim[i] + above;
        m_mod[i] += above;
    }
}

void LayoutBuilder::finishNode(int v)
{
    const auto i = static_cast<size_t>(v);
    const int left = leftSibling(v);
    if (m_childCount[i] > 0) {
        executeShifts(v);
        const auto start = static_cast<size_t>(m_childStart[i]);
        const int first = m_children[start];
        const int last = m_children[start + static_cast<size_t>(m_childCount[i]) - 1];
        const double midpoint =
            (m_prelim[static_cast<size_t>(first)] + m_prelim[static_cast<size_t>(last)]) / 2;
        if (left != NoNode) {
            m_prelim[i] = m_prelim[static_cast<size_t>(left)]
                          + separation(left, v, m_options.siblingGap);
            m_mod[i] = m_prelim[i] - midpoint;
        } else {
            m_prelim[i] = midpoint;
        }
    } else if (left != NoNode) {
        m_prelim[i] = m_prelim[static_cast<size_t>(left)] + separation(left, v, m_options.siblingGap);
    }
    if (m_parent[i] != NoNode)
        apportion(v);
}

int LayoutBuilder::leftSibling(int v) const
{
    const auto i = static_cast<size_t>(v);
    if (m_parent[i] == NoNode || m_number[i] == 0)
        return NoNode;
    const int start = m_childStart[static_cast<size_t>(m_parent[i])];
    return m_children[static_cast<size_t>(start + m_number[i] - 1)];
}

int LayoutBuilder::nextLeft(int v) const
{
    const auto i = static_cast<size_t>(v);
    return m_childCount[i] > 0 ? m_children[static_cast<size_t>(m_childStart[i])] : m_thread[i];
}

int LayoutBuilder::nextRight(int v) const
{
    const auto i = static_cast<size_t>(v);
    return m_childCount[i] > 0
               ? m_children[static_cast<size_t>(m_childStart[i] + m_childCount[i] - 1)]
               : m_thread[i];
}

double LayoutBuilder::separation(int left, int right, double gap) const
{
    return (m_width[static_cast<size_t>(left)] + m_width[static_cast<size_t>(right)]) / 2 + gap;
}

void LayoutBuilder::apportion(int v)
{
    const auto parent = static_cast<size_t>(m_parent[static_cast<size_t>(v)]);
    const int left = leftSibling(v);
    if (left == NoNode) {
        m_defaultAncestor[parent] = v;
        return;
    }
    // i: inner contours facing each other, o: outer contours; m: left part, p: right part.
    int vip = v;
    int vop = v;
    int vim = left;
    int vom = m_children[static_cast<size_t>(m_childStart[parent])];
    double sip = m_mod[static_cast<size_t>(vip)];
    double sop = m_mod[static_cast<size_t>(vop)];
    double sim = m_mod[static_cast<size_t>(vim)];
    double som = m_mod[static_cast<size_t>(vom)];
    int nextRightOfLeft = nextRight(vim);
    int nextLeftOfRight = nextLeft(vip);
    while (nextRightOfLeft != NoNode && nextLeftOfRight != NoNode) {
        vim = nextRightOfLeft;
        vip = nextLeftOfRight;
        vom = nextLeft(vom);
        vop = nextRight(vop);
        m_ancestor[static_cast<size_t>(vop)] = v;
        const double shift = (m_prelim[static_cast<size_t>(vim)] + sim)
                             - (m_prelim[static_cast<size_t>(vip)] + sip)
                             + separation(vim, vip, m_options.subtreeGap);
        if (shift > 0) {
            const int ancestor = m_ancestor[static_cast<size_t>(vim)];
            const int mover = m_parent[static_cast<size_t>(ancestor)] == static_cast<int>(parent)
                                  ? ancestor
                                  : m_defaultAncestor[parent];
            moveSubtree(mover, v, shift);
            sip += shift;
            sop += shift;
        }
        sim += m_mod[static_cast<size_t>(vim)];
        sip += m_mod[static_cast<size_t>(vip)];
        som += m_mod[static_cast<size_t>(vom)];
        sop += m_mod[static_cast<size_t>(vop)];
        nextRightOfLeft = nextRight(vim);
        nextLeftOfRight = nextLeft(vip);
    }
    if (nextRightOfLeft != NoNode && nextRight(vop) == NoNode) {
        m_thread[static_cast<size_t>(vop)] = nextRightOfLeft;
        m_mod[static_cast<size_t>(vop)] += sim - sop;
    }
    if (nextLeftOfRight != NoNode && nextLeft(vom) == NoNode) {
        m_thread[static_cast<size_t>(vom)] = nextLeftOfRight;
        m_mod[static_cast<size_t>(vom)] += sip - som;
        m_defaultAncestor[parent] = v;
    }
}

void LayoutBuilder::moveSubtree(int wm, int wp, double shift)
{
    const auto m = static_cast<size_t>(wm);
    const auto p = static_cast<size_t>(wp);
    const double perSubtree = shift / (m_number[p] - m_number[m]);
    m_change[p] -= perSubtree;
    m_shift[p] += shift;
    m_change[m] += perSubtree;
    m_prelim[p] += shift;
    m_mod[p] += shift;
}

void LayoutBuilder::executeShifts(int v)
{
    const auto i = static_cast<size_t>(v);
    double shift = 0;
    double change = 0;
    for (int k = m_childCount[i] - 1; k >= 0; --k) {
        const auto w = static_cast<size_t>(m_children[static_cast<size_t>(m_childStart[i] + k)]);
        m_prelim[w] += shift;
        m_mod[w] += shift;
        change += m_change[w];
        shift += m_shift[w] + change;
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
            const auto v = static_cast<size_t>(m_preorder[k]);
            low = std::min(low, m_breadth[v] - m_width[v] / 2);
            high = std::max(high, m_breadth[v] + m_width[v] / 2);
        }
        const double offset = cursor - low;
        for (size_t k = m_treeStart[t]; k < m_treeStart[t + 1]; ++k)
            m_breadth[static_cast<size_t>(m_preorder[k])] += offset;
        cursor = high + offset + m_options.treeGap;
    }
}

LayoutRect LayoutBuilder::card(double breadthCentre, double depthTop) const
{
    return {breadthCentre - m_cardBreadth / 2, depthTop, m_cardBreadth, m_cardDepth};
}

void LayoutBuilder::placeCards()
{
    for (const int v : m_preorder) {
        if (v < m_roleCount)
            m_layout.cards[static_cast<size_t>(v)] = card(m_breadth[static_cast<size_t>(v)],
                                                          levelDepth(m_level[static_cast<size_t>(v)]));
    }
    const double columnPitch = m_cardBreadth + 2 * m_options.siblingGap;
    for (const Block &block : m_blocks) {
        const auto chain = static_cast<size_t>(block.firstChainNode);
        const double left = m_breadth[chain] - block.width / 2;
        const double top = levelDepth(m_level[chain]);
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

void appendOrthogonal(std::vector<LayoutPoint> &points, LayoutPoint point)
{
    if (!points.empty() && points.back().x == point.x && points.back().y == point.y)
        return;
    // A point in line with the last segment only extends it.
    if (points.size() >= 2) {
        const LayoutPoint &a = points[points.size() - 2];
        const LayoutPoint &b = points.back();
        if ((a.x == b.x && b.x == point.x) || (a.y == b.y && b.y == point.y)) {
            points.back() = point;
            return;
        }
    }
    points.push_back(point);
}

void LayoutBuilder::addTreeConnectors()
{
    auto &connectors = m_layout.connectors;
    connectors.reserve(m_layout.shown.size());
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
            LayoutConnector connector;
            connector.from = manager;
            connector.to = report;
            connector.points.reserve(stacked ? 5 : 4);
            appendOrthogonal(connector.points, {centre, from.bottom()});
            appendOrthogonal(connector.points, {centre, bus});
            if (stacked) {
                // Down a spine left of the column, then a short stub into the card's side.
                const double spine = to.x - m_options.siblingGap;
                const double middle = to.y + to.height / 2;
                appendOrthogonal(connector.points, {spine, bus});
                appendOrthogonal(connector.points, {spine, middle});
                appendOrthogonal(connector.points, {to.x, middle});
            } else {
                const double target = to.x + to.width / 2;
                appendOrthogonal(connector.points, {target, bus});
                appendOrthogonal(connector.points, {target, to.y});
            }
            connectors.push_back(std::move(connector));
        }
    }
}

void LayoutBuilder::addDottedConnectors()
{
    for (const RoleIndex role : m_layout.shown) {
        const Role &report = m_model.role(role);
        for (const std::string &id : report.alsoReportsTo) {
            const RoleIndex manager = m_model.find(id);
            if (manager == NoRole || manager == role || !m_layout.isShown(manager))
                continue;
            const LayoutRect &from = m_layout.cards[static_cast<size_t>(manager)];
            const LayoutRect &to = m_layout.cards[static_cast<size_t>(role)];
            const double fromCentre = from.x + from.width / 2;
            const double toCentre = to.x + to.width / 2;
            const double fromMiddle = from.y + from.height / 2;
            const double toMiddle = to.y + to.height / 2;
            // A straight line between the facing edges: below, above or beside.
            std::vector<LayoutPoint> line;
            if (to.y >= from.bottom())
                line = {{fromCentre, from.bottom()}, {toCentre, to.y}};
            else if (from.y >= to.bottom())
                line = {{fromCentre, from.y}, {toCentre, to.bottom()}};
            else if (to.x >= from.right())
                line = {{from.right(), fromMiddle}, {to.x, toMiddle}};
            else
                line = {{from.x, fromMiddle}, {to.right(), toMiddle}};
            m_layout.connectors.push_back({manager, role, true, std::move(line)});
        }
    }
}

void LayoutBuilder::mapToOrientation()
{
    if (m_layout.shown.empty())
        return;
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
    // The spines of a block run beside its cards and may stick out of them.
    for (const LayoutConnector &connector : m_layout.connectors) {
        for (const LayoutPoint &point : connector.points) {
            minBreadth = std::min(minBreadth, point.x);
            minDepth = std::min(minDepth, point.y);
            maxBreadth = std::max(maxBreadth, point.x);
            maxDepth = std::max(maxDepth, point.y);
        }
    }

    const bool swap = m_options.orientation == Orientation::LeftToRight;
    for (const RoleIndex role : m_layout.shown) {
        LayoutRect &rect = m_layout.cards[static_cast<size_t>(role)];
        rect.x -= minBreadth;
        rect.y -= minDepth;
        if (swap)
            rect = {rect.y, rect.x, rect.height, rect.width};
    }
    for (LayoutConnector &connector : m_layout.connectors) {
        for (LayoutPoint &point : connector.points) {
            point.x -= minBreadth;
            point.y -= minDepth;
            if (swap)
                point = {point.y, point.x};
        }
    }
    m_layout.bounds = {0, 0, maxBreadth - minBreadth, maxDepth - minDepth};
    if (swap)
        m_layout.bounds = {0, 0, m_layout.bounds.height, m_layout.bounds.width};
}

} // namespace

Layout computeLayout(const Model &model, const LayoutOptions &options, const LayoutScope &scope)
{
    return LayoutBuilder(model, options, scope).build();
}

} // namespace rolescope
