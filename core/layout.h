#pragma once

#include "core/model.h"

#include <array>
#include <cassert>
#include <initializer_list>
#include <vector>

namespace rolescope {

enum class Orientation { TopDown, LeftToRight };

struct LayoutOptions
{
    Orientation orientation = Orientation::TopDown;
    double cardWidth = 220;
    double cardHeight = 96;
    double siblingGap = 24;   // between neighbouring cards of one level
    double subtreeGap = 40;   // between neighbouring subtrees
    double levelGap = 64;     // between a manager and its reports
    double treeGap = 80;      // between the trees of a forest
    // Compact mode: a manager whose reports are all leaves, and who has at least
    // compactMinLeaves of them, gets them stacked in columns under it instead of in one row.
    bool compact = true;
    int compactMinLeaves = 6;
    int compactMaxColumns = 4;
};

struct LayoutPoint
{
    double x = 0;
    double y = 0;
};

struct LayoutRect
{
    double x = 0;
    double y = 0;
    double width = 0;
    double height = 0;

    double right() const { return x + width; }
    double bottom() const { return y + height; }
    bool isEmpty() const { return width <= 0 || height <= 0; }
};

// The corners of one connector, kept inline: a chart of 100,000 roles has as many connectors,
// and a heap allocation for each costs more than the rest of the layout together.
class ConnectorPoints
{
public:
    static constexpr std::size_t Capacity = 5;

    // User-provided, unlike `= default`: value-initialising a LayoutConnector then runs the
    // member initialisers below, which compile to a few stores, instead of first clearing the
    // whole connector with a string instruction that is slower than making the connector.
    ConnectorPoints() {}
    ConnectorPoints(std::initializer_list<LayoutPoint> points)
    {
        assert(points.size() <= Capacity);
        for (const LayoutPoint &point : points) {
            if (m_size < Capacity)
                m_points[m_size++] = point;
        }
    }

    void push_back(const LayoutPoint &point)
    {
        assert(m_size < Capacity);
        if (m_size < Capacity)
            m_points[m_size++] = point;
    }

    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    const LayoutPoint &operator[](std::size_t i) const { return m_points[i]; }
    const LayoutPoint &front() const { return m_points[0]; }
    const LayoutPoint &back() const { return m_points[m_size - 1]; }
    const LayoutPoint *begin() const { return m_points.data(); }
    const LayoutPoint *end() const { return m_points.data() + m_size; }

private:
    std::array<LayoutPoint, Capacity> m_points{};
    std::size_t m_size = 0;
};

// An orthogonal line from a manager's card to a report's card (or a dashed dotted-line).
struct LayoutConnector
{
    RoleIndex from = NoRole; // the manager
    RoleIndex to = NoRole;   // the report
    bool dottedLine = false; // also_reports_to
    ConnectorPoints points;  // polyline, first point on `from`, last on `to`
};

// Which part of the model to lay out. Collapsed roles are shown, their descendants are not.
struct LayoutScope
{
    RoleIndex root = NoRole;        // NoRole: the whole forest
    int maxDepth = -1;              // levels below the root(s) to show; -1: all
    std::vector<bool> collapsed;    // indexed by RoleIndex; empty: nothing collapsed
};

struct Layout
{
    std::vector<LayoutRect> cards;    // indexed by RoleIndex; empty rect: not shown
    // Indexed by RoleIndex: for a shown role whose reports are hidden (collapsed, or on the
    // last level of maxDepth), how many descendants that hides; 0 for every other role.
    std::vector<int> hiddenBelow;
    std::vector<RoleIndex> shown;     // the shown roles, in pre-order
    std::vector<LayoutConnector> connectors;
    LayoutRect bounds;                // of all shown cards and connectors, starting at (0, 0)

    bool isShown(RoleIndex index) const { return !cards[static_cast<size_t>(index)].isEmpty(); }
};

// Tidy tree layout (linear time, no recursion: chains 100,000 deep are fine): parents
// centred over their reports, no overlapping cards, subtrees packed tightly, file order kept.
Layout computeLayout(const Model &model, const LayoutOptions &options = {},
                     const LayoutScope &scope = {});

} // namespace rolescope
