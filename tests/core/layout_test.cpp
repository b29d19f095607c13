#include "core/layout.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>
#include <random>
#include <string>
#include <type_traits>

using namespace rolescope;

namespace {

constexpr double Tolerance = 1e-6;

// Appends rather than `"r" + std::to_string(n)`, which trips a false -Wrestrict in GCC 12.
std::string withNumber(const char *prefix, long long number)
{
    std::string text = prefix;
    text += std::to_string(number);
    return text;
}

// parents[i] is the index of role i's manager, or -1 for a top role.
Model makeModel(const std::vector<int> &parents)
{
    Model model;
    model.roles.resize(parents.size());
    for (size_t i = 0; i < parents.size(); ++i) {
        model.roles[i].id = withNumber("r", static_cast<long long>(i));
        model.roles[i].title = withNumber("Role ", static_cast<long long>(i));
        if (parents[i] >= 0)
            model.roles[i].reportsTo = withNumber("r", parents[i]);
    }
    model.rebuildIndex();
    return model;
}

// Random org charts: deep chains, bushy teams, managers with many reports that are all
// leaves (which compact mode stacks) and now and then a second top role.
std::vector<int> randomParents(int count, unsigned seed)
{
    std::mt19937 random(seed);
    std::vector<int> parents;
    std::vector<int> canManage; // roles that may get reports
    std::vector<int> wide;      // managers that collect many reports
    auto chance = [&random](double p) { return std::uniform_real_distribution<>(0, 1)(random) < p; };
    auto pick = [&random](const std::vector<int> &from) {
        return from[std::uniform_int_distribution<size_t>(0, from.size() - 1)(random)];
    };
    while (static_cast<int>(parents.size()) < count) {
        const int role = static_cast<int>(parents.size());
        if (canManage.empty() || chance(0.005)) {
            parents.push_back(-1);
            canManage.push_back(role);
            continue;
        }
        if (chance(0.03)) {
            // A manager whose whole team are leaves.
            const int manager = pick(canManage);
            parents.push_back(manager);
            const int team = std::uniform_int_distribution<>(1, 30)(random);
            for (int k = 0; k < team && static_cast<int>(parents.size()) < count; ++k)
                parents.push_back(role);
            continue;
        }
        int manager;
        if (!wide.empty() && chance(0.25))
            manager = pick(wide);
        else if (chance(0.4))
            manager = canManage[canManage.size() - 1 - std::min<size_t>(canManage.size() - 1, 3)];
        else
            manager = pick(canManage);
        parents.push_back(manager);
        canManage.push_back(role);
        if (chance(0.02))
            wide.push_back(role);
    }
    return parents;
}

bool topDown(const LayoutOptions &options)
{
    return options.orientation == Orientation::TopDown;
}

// Coordinates along a level and from level to level, whatever the orientation.
double breadthLow(const LayoutRect &r, const LayoutOptions &o) { return topDown(o) ? r.x : r.y; }
double breadthHigh(const LayoutRect &r, const LayoutOptions &o)
{
    return topDown(o) ? r.right() : r.bottom();
}
double breadthCentre(const LayoutRect &r, const LayoutOptions &o)
{
    return (breadthLow(r, o) + breadthHigh(r, o)) / 2;
}
double depthLow(const LayoutRect &r, const LayoutOptions &o) { return topDown(o) ? r.y : r.x; }
double cardBreadth(const LayoutOptions &o) { return topDown(o) ? o.cardWidth : o.cardHeight; }
double cardDepth(const LayoutOptions &o) { return topDown(o) ? o.cardHeight : o.cardWidth; }
double levelPitch(const LayoutOptions &o) { return cardDepth(o) + o.levelGap; }

bool onBoundary(const LayoutPoint &p, const LayoutRect &r)
{
    const bool inside = p.x >= r.x - Tolerance && p.x <= r.right() + Tolerance
                        && p.y >= r.y - Tolerance && p.y <= r.bottom() + Tolerance;
    const bool onEdge = std::abs(p.x - r.x) < Tolerance || std::abs(p.x - r.right()) < Tolerance
                        || std::abs(p.y - r.y) < Tolerance || std::abs(p.y - r.bottom()) < Tolerance;
    return inside && onEdge;
}

bool near(const LayoutPoint &p, double x, double y)
{
    return std::abs(p.x - x) < Tolerance && std::abs(p.y - y) < Tolerance;
}

// What the layout should show, worked out independently of it.
struct Expected
{
    std::vector<RoleIndex> shown;
    std::vector<int> level;
    std::vector<bool> expanded;
    std::vector<int> hiddenBelow;
    std::vector<bool> stackedManager;
};

std::vector<int> subtreeSizes(const Model &model)
{
    std::vector<RoleIndex> order;
    std::vector<RoleIndex> stack(model.topRoles().begin(), model.topRoles().end());
    while (!stack.empty()) {
        const RoleIndex role = stack.back();
        stack.pop_back();
        order.push_back(role);
        for (const RoleIndex report : model.childrenOf(role))
            stack.push_back(report);
    }
    std::vector<int> size(static_cast<size_t>(model.roleCount()), 1);
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        if (model.parentOf(*it) != NoRole)
            size[static_cast<size_t>(model.parentOf(*it))] += size[static_cast<size_t>(*it)];
    }
    return size;
}

Expected expectedFor(const Model &model, const LayoutOptions &options, const LayoutScope &scope)
{
    const auto count = static_cast<size_t>(model.roleCount());
    Expected e;
    e.level.assign(count, -1);
    e.expanded.assign(count, false);
    e.hiddenBelow.assign(count, 0);
    e.stackedManager.assign(count, false);
    const std::vector<int> sizes = subtreeSizes(model);

    std::vector<RoleIndex> roots;
    if (scope.root != NoRole)
        roots.push_back(scope.root);
    else
        roots.assign(model.topRoles().begin(), model.topRoles().end());
    std::vector<RoleIndex> stack(roots.rbegin(), roots.rend());
    for (const RoleIndex root : roots)
        e.level[static_cast<size_t>(root)] = 0;
    while (!stack.empty()) {
        const RoleIndex role = stack.back();
        stack.pop_back();
        e.shown.push_back(role);
        const auto i = static_cast<size_t>(role);
        const bool collapsed = i < scope.collapsed.size() && scope.collapsed[i];
        const bool tooDeep = scope.maxDepth >= 0 && e.level[i] >= scope.maxDepth;
        if (model.childrenOf(role).empty())
            continue;
        if (collapsed || tooDeep) {
            e.hiddenBelow[i] = sizes[i] - 1;
            continue;
        }
        e.expanded[i] = true;
        const auto reports = model.childrenOf(role);
        for (auto it = reports.rbegin(); it != reports.rend(); ++it) {
            e.level[static_cast<size_t>(*it)] = e.level[i] + 1;
            stack.push_back(*it);
        }
    }
    if (options.compact) {
        for (const RoleIndex role : e.shown) {
            const auto reports = model.childrenOf(role);
            e.stackedManager[static_cast<size_t>(role)] =
                e.expanded[static_cast<size_t>(role)]
                && static_cast<int>(reports.size()) >= std::max(1, options.compactMinLeaves)
                && std::none_of(reports.begin(), reports.end(), [&e](RoleIndex r) {
                       return e.expanded[static_cast<size_t>(r)];
                   });
        }
    }
    return e;
}

// No two shown cards overlap, and every two keep at least the smallest configured gap.
// Cards go into a grid of card-sized cells, so the check stays near-linear.
void expectNoOverlap(const Layout &layout, const LayoutOptions &options)
{
    const double gap = std::min({options.siblingGap, options.subtreeGap, options.treeGap,
                                 options.levelGap});
    const double margin = gap / 2 - Tolerance;
    std::map<std::pair<long, long>, std::vector<RoleIndex>> grid;
    for (const RoleIndex role : layout.shown) {
        const LayoutRect &r = layout.cards[static_cast<size_t>(role)];
        for (long cx = std::lround(std::floor(r.x / options.cardWidth));
             cx <= std::lround(std::floor(r.right() / options.cardWidth)); ++cx) {
            for (long cy = std::lround(std::floor(r.y / options.cardHeight));
                 cy <= std::lround(std::floor(r.bottom() / options.cardHeight)); ++cy)
                grid[{cx, cy}].push_back(role);
        }
    }
    int overlaps = 0;
    for (const auto &[cell, roles] : grid) {
        for (size_t a = 0; a < roles.size(); ++a) {
            for (size_t b = a + 1; b < roles.size(); ++b) {
                const LayoutRect &p = layout.cards[static_cast<size_t>(roles[a])];
                const LayoutRect &q = layout.cards[static_cast<size_t>(roles[b])];
                const bool overlap = p.x - margin < q.right() + margin
                                     && q.x - margin < p.right() + margin
                                     && p.y - margin < q.bottom() + margin
                                     && q.y - margin < p.bottom() + margin;
                if (overlap && ++overlaps <= 5)
                    ADD_FAILURE() << "cards of r" << roles[a] << " and r" << roles[b]
                                  << " overlap or touch";
            }
        }
    }
    EXPECT_EQ(overlaps, 0);
}

void expectBoundsStartAtZeroAndHoldEverything(const Layout &layout)
{
    EXPECT_EQ(layout.bounds.x, 0);
    EXPECT_EQ(layout.bounds.y, 0);
    if (layout.shown.empty())
        return;
    double minX = 1e300, minY = 1e300, maxX = -1e300, maxY = -1e300;
    for (const RoleIndex role : layout.shown) {
        const LayoutRect &r = layout.cards[static_cast<size_t>(role)];
        minX = std::min(minX, r.x);
        minY = std::min(minY, r.y);
        maxX = std::max(maxX, r.right());
        maxY = std::max(maxY, r.bottom());
    }
    for (const LayoutConnector &connector : layout.connectors) {
        for (const LayoutPoint &p : connector.points) {
            minX = std::min(minX, p.x);
            minY = std::min(minY, p.y);
            maxX = std::max(maxX, p.x);
            maxY = std::max(maxY, p.y);
        }
    }
    EXPECT_NEAR(minX, 0, Tolerance);
    EXPECT_NEAR(minY, 0, Tolerance);
    EXPECT_NEAR(maxX, layout.bounds.right(), Tolerance);
    EXPECT_NEAR(maxY, layout.bounds.bottom(), Tolerance);
}

void expectConnectorsTouchTheirCards(const Model &model, const Layout &layout,
                                     const LayoutOptions &options, const Expected &e)
{
    std::vector<int> solidInto(static_cast<size_t>(model.roleCount()), 0);
    int failures = 0;
    for (const LayoutConnector &connector : layout.connectors) {
        ASSERT_GE(connector.points.size(), 2u);
        ASSERT_TRUE(layout.isShown(connector.from));
        ASSERT_TRUE(layout.isShown(connector.to));
        const LayoutRect &from = layout.cards[static_cast<size_t>(connector.from)];
        const LayoutRect &to = layout.cards[static_cast<size_t>(connector.to)];
        const LayoutPoint &first = connector.points.front();
        const LayoutPoint &last = connector.points.back();
        if (connector.dottedLine) {
            EXPECT_TRUE(onBoundary(first, from) && onBoundary(last, to));
            continue;
        }
        ++solidInto[static_cast<size_t>(connector.to)];
        EXPECT_EQ(connector.from, model.parentOf(connector.to));
        for (size_t k = 1; k < connector.points.size(); ++k) {
            const LayoutPoint &a = connector.points[k - 1];
            const LayoutPoint &b = connector.points[k];
            if (std::abs(a.x - b.x) > Tolerance && std::abs(a.y - b.y) > Tolerance
                && ++failures <= 5)
                ADD_FAILURE() << "connector into r" << connector.to << " is not orthogonal";
        }
        // Out of the manager's far edge, into the report's near edge (or, stacked, its side).
        const bool stacked = e.stackedManager[static_cast<size_t>(connector.from)];
        const bool ok = topDown(options)
                            ? near(first, from.x + from.width / 2, from.bottom())
                                  && (stacked ? near(last, to.x, to.y + to.height / 2)
                                              : near(last, to.x + to.width / 2, to.y))
                            : near(first, from.right(), from.y + from.height / 2)
                                  && (stacked ? near(last, to.x + to.width / 2, to.y)
                                              : near(last, to.x, to.y + to.height / 2));
        if (!ok && ++failures <= 5)
            ADD_FAILURE() << "connector r" << connector.from << " -> r" << connector.to
                          << " does not touch the cards";
    }
    EXPECT_EQ(failures, 0);
    for (const RoleIndex role : layout.shown) {
        const int expected = e.level[static_cast<size_t>(role)] > 0 ? 1 : 0;
        EXPECT_EQ(solidInto[static_cast<size_t>(role)], expected) << "r" << role;
    }
}

// Everything a user can rely on in any layout of any model.
void expectLayoutInvariants(const Model &model, const Layout &layout,
                            const LayoutOptions &options, const LayoutScope &scope = {})
{
    const auto count = static_cast<size_t>(model.roleCount());
    ASSERT_EQ(layout.cards.size(), count);
    ASSERT_EQ(layout.hiddenBelow.size(), count);
    const Expected e = expectedFor(model, options, scope);
    ASSERT_EQ(layout.shown, e.shown);
    for (size_t i = 0; i < count; ++i) {
        ASSERT_EQ(layout.isShown(static_cast<RoleIndex>(i)), e.level[i] >= 0) << "r" << i;
        ASSERT_EQ(layout.hiddenBelow[i], e.hiddenBelow[i]) << "r" << i;
    }

    const double pitch = levelPitch(options);
    const double columnPitch = cardBreadth(options) + 2 * options.siblingGap;
    int failures = 0;
    auto fail = [&failures](RoleIndex role, const char *what) {
        if (++failures <= 5)
            ADD_FAILURE() << "r" << role << ": " << what;
    };
    for (const RoleIndex role : layout.shown) {
        const auto i = static_cast<size_t>(role);
        const LayoutRect &card = layout.cards[i];
        if (std::abs(card.width - options.cardWidth) > Tolerance
            || std::abs(card.height - options.cardHeight) > Tolerance)
            fail(role, "card has the wrong size");
        const RoleIndex manager = model.parentOf(role);
        const bool stacked = e.level[i] > 0 && e.stackedManager[static_cast<size_t>(manager)];
        if (!stacked && std::abs(depthLow(card, options) - e.level[i] * pitch) > Tolerance)
            fail(role, "card is not on its level");
        if (!e.expanded[i])
            continue;

        const auto reports = model.childrenOf(role);
        const double centre = breadthCentre(card, options);
        if (e.stackedManager[i]) {
            const int maxColumns = std::max(1, options.compactMaxColumns);
            const int rows = (static_cast<int>(reports.size()) + maxColumns - 1) / maxColumns;
            const LayoutRect &firstCard = layout.cards[static_cast<size_t>(reports.front())];
            double low = 1e300, high = -1e300;
            for (size_t k = 0; k < reports.size(); ++k) {
                const LayoutRect &r = layout.cards[static_cast<size_t>(reports[k])];
                low = std::min(low, breadthLow(r, options));
                high = std::max(high, breadthHigh(r, options));
                const int column = static_cast<int>(k) / rows;
                const int row = static_cast<int>(k) % rows;
                const double depth = (e.level[i] + 1) * pitch
                                     + row * (cardDepth(options) + options.siblingGap);
                const double breadth = breadthLow(firstCard, options) + column * columnPitch;
                if (std::abs(depthLow(r, options) - depth) > Tolerance
                    || std::abs(breadthLow(r, options) - breadth) > Tolerance)
                    fail(reports[k], "stacked card is not in its column and row");
            }
            if (std::abs(centre - (low + high) / 2) > Tolerance)
                fail(role, "manager is not centred over its stacked reports");
        } else {
            const double first = breadthCentre(layout.cards[static_cast<size_t>(reports.front())],
                                               options);
            const double last = breadthCentre(layout.cards[static_cast<size_t>(reports.back())],
                                              options);
            if (std::abs(centre - (first + last) / 2) > Tolerance)
                fail(role, "manager is not centred over its reports");
            for (size_t k = 1; k < reports.size(); ++k) {
                const double left = breadthHigh(layout.cards[static_cast<size_t>(reports[k - 1])],
                                                options);
                const double right = breadthLow(layout.cards[static_cast<size_t>(reports[k])],
                                                 options);
                if (right - left < options.siblingGap - Tolerance)
                    fail(reports[k], "report is not right of its previous sibling");
            }
        }
    }
    EXPECT_EQ(failures, 0);

    // The trees of a forest keep apart, left to right in file order.
    std::vector<std::pair<double, double>> trees;
    for (const RoleIndex role : layout.shown) {
        const LayoutRect &r = layout.cards[static_cast<size_t>(role)];
        if (e.level[static_cast<size_t>(role)] == 0)
            trees.emplace_back(breadthLow(r, options), breadthHigh(r, options));
        trees.back().first = std::min(trees.back().first, breadthLow(r, options));
        trees.back().second = std::max(trees.back().second, breadthHigh(r, options));
    }
    for (size_t t = 1; t < trees.size(); ++t)
        EXPECT_GE(trees[t].first - trees[t - 1].second, options.treeGap - Tolerance);

    expectNoOverlap(layout, options);
    expectBoundsStartAtZeroAndHoldEverything(layout);
    expectConnectorsTouchTheirCards(model, layout, options, e);
}

enum class Compaction { Off, Default, Aggressive };

LayoutOptions optionsFor(Orientation orientation, Compaction compaction)
{
    LayoutOptions options;
    options.orientation = orientation;
    options.compact = compaction != Compaction::Off;
    if (compaction == Compaction::Aggressive) {
        options.compactMinLeaves = 1;
        options.compactMaxColumns = 2;
    }
    return options;
}

struct RandomCase
{
    int roles;
    Orientation orientation;
    Compaction compaction;
};

class RandomTreeLayout : public testing::TestWithParam<RandomCase>
{};

TEST_P(RandomTreeLayout, KeepsAllInvariants)
{
    const RandomCase c = GetParam();
    const Model model = makeModel(randomParents(c.roles, 1234u + static_cast<unsigned>(c.roles)));
    const LayoutOptions options = optionsFor(c.orientation, c.compaction);
    const Layout layout = computeLayout(model, options);
    EXPECT_EQ(layout.shown.size(), static_cast<size_t>(c.roles));
    expectLayoutInvariants(model, layout, options);
}

std::vector<RandomCase> randomCases()
{
    std::vector<RandomCase> cases;
    for (const int roles : {1, 2, 10, 100, 1000, 10000}) {
        for (const Orientation orientation : {Orientation::TopDown, Orientation::LeftToRight}) {
            for (const Compaction compaction :
                 {Compaction::Off, Compaction::Default, Compaction::Aggressive})
                cases.push_back({roles, orientation, compaction});
        }
    }
    return cases;
}

std::string randomCaseName(const testing::TestParamInfo<RandomCase> &info)
{
    const char *compaction[] = {"NotCompact", "Compact", "VeryCompact"};
    return std::to_string(info.param.roles) + "Roles"
           + (info.param.orientation == Orientation::TopDown ? "TopDown" : "LeftToRight")
           + compaction[static_cast<int>(info.param.compaction)];
}

INSTANTIATE_TEST_SUITE_P(Sizes, RandomTreeLayout, testing::ValuesIn(randomCases()),
                         randomCaseName);

TEST(Layout, RandomTreesContainStackedTeams)
{
    // Guards the random cases above: they must exercise compact blocks.
    const Model model = makeModel(randomParents(1000, 1234u + 1000u));
    const Expected e = expectedFor(model, LayoutOptions(), {});
    EXPECT_GE(std::count(e.stackedManager.begin(), e.stackedManager.end(), true), 5);
}

TEST(Layout, RandomScopesKeepAllInvariants)
{
    std::mt19937 random(99);
    const Model model = makeModel(randomParents(2000, 7));
    for (int round = 0; round < 12; ++round) {
        LayoutScope scope;
        scope.collapsed.resize(static_cast<size_t>(model.roleCount()));
        for (size_t i = 0; i < scope.collapsed.size(); ++i)
            scope.collapsed[i] = random() % 40 == 0;
        scope.maxDepth = round % 3 == 0 ? -1 : static_cast<int>(random() % 8);
        if (round % 2 == 1)
            scope.root = static_cast<RoleIndex>(random() % 200);
        const LayoutOptions options =
            optionsFor(round % 4 < 2 ? Orientation::TopDown : Orientation::LeftToRight,
                       static_cast<Compaction>(round % 3));
        SCOPED_TRACE(withNumber("round ", round));
        const Layout layout = computeLayout(model, options, scope);
        expectLayoutInvariants(model, layout, options, scope);
    }
}

TEST(Layout, EmptyModelHasNothing)
{
    const Model model = makeModel({});
    const Layout layout = computeLayout(model);
    EXPECT_TRUE(layout.shown.empty());
    EXPECT_TRUE(layout.connectors.empty());
    EXPECT_TRUE(layout.bounds.isEmpty());
}

TEST(Layout, SingleRoleSitsAtTheOrigin)
{
    const Model model = makeModel({-1});
    const LayoutOptions options;
    const Layout layout = computeLayout(model, options);
    const LayoutRect &card = layout.cards[0];
    EXPECT_EQ(card.x, 0);
    EXPECT_EQ(card.y, 0);
    EXPECT_EQ(card.width, options.cardWidth);
    EXPECT_EQ(card.height, options.cardHeight);
    EXPECT_EQ(layout.bounds.width, options.cardWidth);
    EXPECT_EQ(layout.bounds.height, options.cardHeight);
    EXPECT_TRUE(layout.connectors.empty());
}

TEST(Layout, OnlyReportHangsStraightBelowItsManager)
{
    const Model model = makeModel({-1, 0});
    const LayoutOptions options;
    const Layout layout = computeLayout(model, options);
    EXPECT_EQ(layout.cards[1].x, layout.cards[0].x);
    EXPECT_EQ(layout.cards[1].y, options.cardHeight + options.levelGap);
    ASSERT_EQ(layout.connectors.size(), 1u);
    const LayoutConnector &line = layout.connectors[0];
    EXPECT_EQ(line.from, 0);
    EXPECT_EQ(line.to, 1);
    EXPECT_FALSE(line.dottedLine);
    ASSERT_EQ(line.points.size(), 2u); // one straight segment
    EXPECT_TRUE(near(line.points[0], options.cardWidth / 2, options.cardHeight));
    EXPECT_TRUE(near(line.points[1], options.cardWidth / 2, options.cardHeight + options.levelGap));
}

TEST(Layout, LeftToRightPutsReportsToTheRight)
{
    const Model model = makeModel({-1, 0, 0});
    LayoutOptions options;
    options.orientation = Orientation::LeftToRight;
    const Layout layout = computeLayout(model, options);
    EXPECT_EQ(layout.cards[0].x, 0);
    EXPECT_EQ(layout.cards[1].x, options.cardWidth + options.levelGap);
    EXPECT_EQ(layout.cards[2].x, options.cardWidth + options.levelGap);
    EXPECT_EQ(layout.cards[1].y, 0);
    EXPECT_EQ(layout.cards[2].y, options.cardHeight + options.siblingGap);
    EXPECT_EQ(layout.cards[0].y + options.cardHeight / 2,
              (layout.cards[1].y + layout.cards[2].bottom()) / 2);
    EXPECT_EQ(layout.bounds.width, 2 * options.cardWidth + options.levelGap);
    EXPECT_EQ(layout.bounds.height, 2 * options.cardHeight + options.siblingGap);
    // Out of the manager's right edge, across, into the report's left edge.
    const LayoutConnector &line = layout.connectors[1];
    ASSERT_EQ(line.points.size(), 4u);
    EXPECT_TRUE(near(line.points[0], options.cardWidth, layout.cards[0].y + options.cardHeight / 2));
    EXPECT_TRUE(near(line.points[3], layout.cards[2].x, layout.cards[2].y + options.cardHeight / 2));
}

TEST(Layout, CousinsArePackedOneSubtreeGapApart)
{
    // r0 -> r1, r2; r1 -> r3, r4; r2 -> r5, r6.
    const Model model = makeModel({-1, 0, 0, 1, 1, 2, 2});
    const LayoutOptions options;
    const Layout layout = computeLayout(model, options);
    const double w = options.cardWidth;
    EXPECT_EQ(layout.cards[3].x, 0);
    EXPECT_EQ(layout.cards[4].x, w + options.siblingGap);
    EXPECT_EQ(layout.cards[5].x, 2 * w + options.siblingGap + options.subtreeGap);
    EXPECT_EQ(layout.cards[6].x, 3 * w + 2 * options.siblingGap + options.subtreeGap);
    EXPECT_EQ(layout.cards[1].x, (layout.cards[3].x + layout.cards[4].x) / 2);
    EXPECT_EQ(layout.cards[2].x, (layout.cards[5].x + layout.cards[6].x) / 2);
    EXPECT_EQ(layout.cards[0].x, (layout.cards[1].x + layout.cards[2].x) / 2);
}

TEST(Layout, SmallSubtreesSpreadEvenlyBetweenBigOnes)
{
    // Walker's rule: leaves between two wide subtrees are spaced out evenly, not bunched up.
    std::vector<int> parents = {-1, 0, 0, 0, 0};
    for (int k = 0; k < 6; ++k)
        parents.push_back(1);
    for (int k = 0; k < 6; ++k)
        parents.push_back(4);
    const Model model = makeModel(parents);
    LayoutOptions options;
    options.compact = false;
    const Layout layout = computeLayout(model, options);
    const double gapA = layout.cards[2].x - layout.cards[1].x;
    const double gapB = layout.cards[3].x - layout.cards[2].x;
    const double gapC = layout.cards[4].x - layout.cards[3].x;
    EXPECT_NEAR(gapA, gapB, Tolerance);
    EXPECT_NEAR(gapB, gapC, Tolerance);
    expectLayoutInvariants(model, layout, options);
}

TEST(Layout, WideTeamOfLeavesIsStackedInColumns)
{
    std::vector<int> parents = {-1};
    for (int k = 0; k < 30; ++k)
        parents.push_back(0);
    const Model model = makeModel(parents);
    const LayoutOptions options; // compact, at least 6 leaves, at most 4 columns
    const Layout layout = computeLayout(model, options);
    expectLayoutInvariants(model, layout, options);

    // 30 leaves in 4 columns of 8 rows (the last column holds 6), filled column by column.
    std::vector<double> columns;
    for (int k = 1; k <= 30; ++k) {
        const double x = layout.cards[static_cast<size_t>(k)].x;
        if (std::find(columns.begin(), columns.end(), x) == columns.end())
            columns.push_back(x);
    }
    EXPECT_EQ(columns.size(), 4u);
    EXPECT_EQ(layout.cards[8].x, layout.cards[1].x);
    EXPECT_GT(layout.cards[9].x, layout.cards[8].x);
    EXPECT_EQ(layout.cards[8].y, layout.cards[1].y + 7 * (options.cardHeight + options.siblingGap));
    EXPECT_LT(layout.bounds.width, 5 * (options.cardWidth + 2 * options.siblingGap));

    // The connector into a stacked card runs down a spine beside its column, into its side.
    const LayoutConnector &line = layout.connectors[1];
    ASSERT_EQ(line.to, 2);
    ASSERT_EQ(line.points.size(), 5u);
    const double spine = layout.cards[2].x - options.siblingGap;
    EXPECT_EQ(line.points[2].x, spine);
    EXPECT_EQ(line.points[3].x, spine);
    EXPECT_EQ(line.points[3].y, layout.cards[2].y + options.cardHeight / 2);

    LayoutOptions wide = options;
    wide.compact = false;
    const Layout row = computeLayout(model, wide);
    expectLayoutInvariants(model, row, wide);
    EXPECT_EQ(row.bounds.width, 30 * options.cardWidth + 29 * options.siblingGap);
    EXPECT_EQ(row.bounds.height, 2 * options.cardHeight + options.levelGap);
}

TEST(Layout, StackedTeamKeepsNeighboursClearOfItsLowerRows)
{
    // r1 has 12 leaves stacked 3 rows deep; its cousin subtree under r2 is 4 levels deep and
    // must not slide under the block's lower rows.
    std::vector<int> parents = {-1, 0, 0};
    for (int k = 0; k < 12; ++k)
        parents.push_back(1);
    int above = 2;
    for (int k = 0; k < 4; ++k) {
        parents.push_back(above);
        parents.push_back(above);
        above = static_cast<int>(parents.size()) - 2;
    }
    const Model model = makeModel(parents);
    for (const Orientation orientation : {Orientation::TopDown, Orientation::LeftToRight}) {
        LayoutOptions options;
        options.orientation = orientation;
        options.siblingGap = 100; // rows further apart than levels
        const Layout layout = computeLayout(model, options);
        expectLayoutInvariants(model, layout, options);
    }
}

TEST(Layout, TeamBelowTheThresholdStaysInARow)
{
    std::vector<int> parents = {-1, 0, 0, 0, 0, 0};
    const Model model = makeModel(parents);
    const LayoutOptions options;
    const Layout layout = computeLayout(model, options);
    for (int k = 1; k <= 5; ++k)
        EXPECT_EQ(layout.cards[static_cast<size_t>(k)].y, options.cardHeight + options.levelGap);
}

TEST(Layout, TeamWithAManagerInItIsNotStacked)
{
    std::vector<int> parents = {-1, 0, 0, 0, 0, 0, 0, 0, 6};
    const Model model = makeModel(parents);
    const LayoutOptions options;
    const Layout layout = computeLayout(model, options);
    for (int k = 1; k <= 7; ++k)
        EXPECT_EQ(layout.cards[static_cast<size_t>(k)].y, options.cardHeight + options.levelGap);

    // Collapsing the one manager in the team makes it all leaves, so it is stacked.
    LayoutScope scope;
    scope.collapsed.assign(9, false);
    scope.collapsed[6] = true;
    const Layout stacked = computeLayout(model, options, scope);
    expectLayoutInvariants(model, stacked, options, scope);
    EXPECT_EQ(stacked.cards[2].x, stacked.cards[1].x);
    EXPECT_EQ(stacked.hiddenBelow[6], 1);
    EXPECT_FALSE(stacked.isShown(8));
}

TEST(Layout, CollapsedRoleIsShownWithoutItsDescendants)
{
    // r0 -> r1 -> r2 -> r3, r4; r0 -> r5.
    const Model model = makeModel({-1, 0, 1, 2, 2, 0});
    LayoutScope scope;
    scope.collapsed.assign(6, false);
    scope.collapsed[1] = true;
    const LayoutOptions options;
    const Layout layout = computeLayout(model, options, scope);
    EXPECT_EQ(layout.shown, (std::vector<RoleIndex>{0, 1, 5}));
    EXPECT_TRUE(layout.isShown(1));
    EXPECT_FALSE(layout.isShown(2));
    EXPECT_FALSE(layout.isShown(3));
    EXPECT_EQ(layout.hiddenBelow[1], 3);
    EXPECT_EQ(layout.hiddenBelow[0], 0);
    EXPECT_EQ(layout.hiddenBelow[5], 0);
    EXPECT_EQ(layout.connectors.size(), 2u);
    EXPECT_EQ(layout.bounds.height, 2 * options.cardHeight + options.levelGap);
    expectLayoutInvariants(model, layout, options, scope);
}

TEST(Layout, MaxDepthCutsLevelsBelowTheRoots)
{
    const Model model = makeModel({-1, 0, 1, 2, 2, 0, -1, 6});
    LayoutScope scope;
    scope.maxDepth = 1;
    const LayoutOptions options;
    const Layout layout = computeLayout(model, options, scope);
    EXPECT_EQ(layout.shown, (std::vector<RoleIndex>{0, 1, 5, 6, 7}));
    EXPECT_EQ(layout.hiddenBelow[1], 3);
    EXPECT_EQ(layout.hiddenBelow[0], 0);
    EXPECT_EQ(layout.hiddenBelow[7], 0);
    expectLayoutInvariants(model, layout, options, scope);

    scope.maxDepth = 0;
    const Layout tops = computeLayout(model, options, scope);
    EXPECT_EQ(tops.shown, (std::vector<RoleIndex>{0, 6}));
    EXPECT_EQ(tops.hiddenBelow[0], 5);
    EXPECT_EQ(tops.hiddenBelow[6], 1);
    EXPECT_TRUE(tops.connectors.empty());
}

TEST(Layout, RootScopeLaysOutOnlyThatSubtree)
{
    const Model model = makeModel({-1, 0, 1, 1, 0, 4});
    LayoutScope scope;
    scope.root = 1;
    const LayoutOptions options;
    const Layout layout = computeLayout(model, options, scope);
    EXPECT_EQ(layout.shown, (std::vector<RoleIndex>{1, 2, 3}));
    EXPECT_FALSE(layout.isShown(0));
    EXPECT_FALSE(layout.isShown(4));
    EXPECT_EQ(layout.cards[1].y, 0);
    EXPECT_EQ(layout.cards[2].y, options.cardHeight + options.levelGap);
    EXPECT_EQ(layout.bounds.width, 2 * options.cardWidth + options.siblingGap);
    expectLayoutInvariants(model, layout, options, scope);

    scope.maxDepth = 0;
    const Layout alone = computeLayout(model, options, scope);
    EXPECT_EQ(alone.shown, (std::vector<RoleIndex>{1}));
    EXPECT_EQ(alone.hiddenBelow[1], 2);
}

TEST(Layout, ForestTreesSitSideBySide)
{
    // Three trees; the middle one is a single card.
    const Model model = makeModel({-1, 0, 0, 0, -1, -1, 5, 5, 6, 6});
    for (const Orientation orientation : {Orientation::TopDown, Orientation::LeftToRight}) {
        LayoutOptions options;
        options.orientation = orientation;
        const Layout layout = computeLayout(model, options);
        expectLayoutInvariants(model, layout, options);
        const double gap = breadthLow(layout.cards[4], options)
                           - breadthHigh(layout.cards[3], options);
        EXPECT_EQ(gap, options.treeGap);
        EXPECT_EQ(depthLow(layout.cards[4], options), 0);
        EXPECT_EQ(depthLow(layout.cards[5], options), 0);
    }
}

TEST(Layout, DeepChainIsOneLevelPerRole)
{
    const int depth = 100000;
    std::vector<int> parents(depth);
    for (int k = 0; k < depth; ++k)
        parents[static_cast<size_t>(k)] = k - 1;
    const Model model = makeModel(parents);
    for (const Orientation orientation : {Orientation::TopDown, Orientation::LeftToRight}) {
        LayoutOptions options;
        options.orientation = orientation;
        const Layout layout = computeLayout(model, options);
        ASSERT_EQ(layout.shown.size(), static_cast<size_t>(depth));
        EXPECT_EQ(layout.connectors.size(), static_cast<size_t>(depth - 1));
        int failures = 0;
        for (size_t k = 1; k < static_cast<size_t>(depth); ++k) {
            const LayoutRect &above = layout.cards[k - 1];
            const LayoutRect &card = layout.cards[k];
            if (depthLow(card, options) != depthLow(above, options) + levelPitch(options)
                || breadthLow(card, options) != breadthLow(above, options))
                ++failures;
        }
        EXPECT_EQ(failures, 0);
        EXPECT_EQ(depthLow(layout.cards.back(), options), (depth - 1) * levelPitch(options));
    }
}

TEST(Layout, DottedLinesJoinShownRolesOnly)
{
    // r3 also reports to r2, r4 to r5; collapsing r1 hides r3 and r5, and both lines with them.
    Model model = makeModel({-1, 0, 0, 1, 2, 1});
    model.roles[3].alsoReportsTo = {"r2"};
    model.roles[4].alsoReportsTo = {"r5", "missing"};
    model.rebuildIndex();
    const LayoutOptions options;
    const Layout layout = computeLayout(model, options);
    expectLayoutInvariants(model, layout, options);
    std::vector<std::pair<RoleIndex, RoleIndex>> dotted;
    for (const LayoutConnector &connector : layout.connectors) {
        if (connector.dottedLine)
            dotted.emplace_back(connector.from, connector.to);
    }
    EXPECT_EQ(dotted, (std::vector<std::pair<RoleIndex, RoleIndex>>{{2, 3}, {5, 4}}));

    LayoutScope scope;
    scope.collapsed.assign(6, false);
    scope.collapsed[1] = true;
    const Layout collapsed = computeLayout(model, options, scope);
    expectLayoutInvariants(model, collapsed, options, scope);
    for (const LayoutConnector &connector : collapsed.connectors)
        EXPECT_FALSE(connector.dottedLine);
}

// FNV-1a over the bits of everything a layout holds, so that two layouts agree on it exactly
// when they are the same to the last bit of every coordinate.
class Fingerprint
{
public:
    template<typename T>
    void add(const T &value)
    {
        static_assert(std::is_trivially_copyable_v<T> && std::has_unique_object_representations_v<T>);
        unsigned char bytes[sizeof(T)];
        std::memcpy(bytes, &value, sizeof(T));
        for (const unsigned char byte : bytes)
            m_hash = (m_hash ^ byte) * 0x100000001b3ull;
    }
    void add(double value) { add(std::bit_cast<std::uint64_t>(value)); }
    void add(const LayoutRect &r)
    {
        for (const double value : {r.x, r.y, r.width, r.height})
            add(value);
    }
    std::uint64_t value() const { return m_hash; }

private:
    std::uint64_t m_hash = 0xcbf29ce484222325ull;
};

std::uint64_t fingerprint(const Layout &layout)
{
    Fingerprint f;
    f.add(layout.cards.size());
    for (const LayoutRect &card : layout.cards)
        f.add(card);
    for (const int hidden : layout.hiddenBelow)
        f.add(hidden);
    f.add(layout.shown.size());
    for (const RoleIndex role : layout.shown)
        f.add(role);
    f.add(layout.connectors.size());
    for (const LayoutConnector &connector : layout.connectors) {
        f.add(connector.from);
        f.add(connector.to);
        f.add(connector.dottedLine ? 1 : 0);
        f.add(connector.points.size());
        for (const LayoutPoint &point : connector.points) {
            f.add(point.x);
            f.add(point.y);
        }
    }
    f.add(layout.bounds);
    return f.value();
}

TEST(Layout, LargeLayoutsStayTheSameToTheLastBit)
{
    // Recorded from the straightforward implementation of commit 25a628c (one 64-byte node
    // per role in pre-order, contours threaded as here); the faster one must place every card
    // and connector exactly where it did. A deliberate change of the layout changes these.
    // One thread computes them all, big and small in turn, as the window does.
    Model model = makeModel(randomParents(20000, 11));
    for (size_t i = 50; i < model.roles.size(); i += 50)
        model.roles[i].alsoReportsTo.push_back(withNumber("r", static_cast<long long>(i / 3)));
    model.rebuildIndex();
    const Model small = makeModel(randomParents(300, 12));

    LayoutOptions plain;
    plain.compact = false;
    LayoutOptions sideways;
    sideways.orientation = Orientation::LeftToRight;
    sideways.compactMinLeaves = 2;
    sideways.compactMaxColumns = 3;
    sideways.siblingGap = 7.5;
    sideways.levelGap = 30.25;
    sideways.cardWidth = 180.5;
    LayoutScope cut;
    cut.collapsed.assign(model.roles.size(), false);
    for (size_t i = 0; i < cut.collapsed.size(); i += 37)
        cut.collapsed[i] = true;
    cut.maxDepth = 6;
    LayoutScope branch;
    branch.root = model.parentOf(model.roleCount() / 2);

    EXPECT_EQ(fingerprint(computeLayout(model)), 0xbbff89b6c18b5b13ull);
    EXPECT_EQ(fingerprint(computeLayout(small)), 0xae4fb1f4d81af167ull);
    EXPECT_EQ(fingerprint(computeLayout(model, plain)), 0xe1fa7847d6c13042ull);
    EXPECT_EQ(fingerprint(computeLayout(model, sideways)), 0xb2eb1f606666b110ull);
    EXPECT_EQ(fingerprint(computeLayout(model, LayoutOptions(), cut)), 0xedf7757888d50223ull);
    EXPECT_EQ(fingerprint(computeLayout(model, plain, branch)), 0xc34899fef8e88601ull);
    EXPECT_EQ(fingerprint(computeLayout(small, sideways)), 0x1bf676dd2b61c40cull);
    EXPECT_EQ(fingerprint(computeLayout(model)), 0xbbff89b6c18b5b13ull);
}

TEST(Layout, RootInsideACycleShowsNothingInsteadOfHanging)
{
    // The loader refuses such a model; the layout must still return for it.
    const Model model = makeModel({1, 2, 0, -1});
    LayoutScope scope;
    scope.root = 0;
    const Layout layout = computeLayout(model, LayoutOptions(), scope);
    EXPECT_TRUE(layout.shown.empty());
    EXPECT_TRUE(layout.bounds.isEmpty());

    const Layout forest = computeLayout(model);
    EXPECT_EQ(forest.shown, (std::vector<RoleIndex>{3}));
}

} // namespace
