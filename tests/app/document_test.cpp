#include "app/document.h"

#include "testmodels.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace rolescope;
using rolescope::testing::SmallOrgYaml;
using rolescope::testing::loadYaml;

namespace {

std::vector<std::string> idsOf(const Document &document, const std::vector<RoleIndex> &roles)
{
    std::vector<std::string> ids;
    for (const RoleIndex role : roles)
        ids.push_back(document.model().role(role).id);
    return ids;
}

RoleIndex find(const Document &document, const char *id)
{
    return document.model().find(id);
}

// A manager with CHILDREN reports, each with CHILDREN reports, LEVELS deep.
Model wideTree(int children, int levels)
{
    Model model;
    model.organization.name = "Wide";
    Role root;
    root.id = "r";
    root.title = "Root";
    model.roles.push_back(root);
    std::vector<std::string> level{"r"};
    for (int depth = 1; depth < levels; ++depth) {
        std::vector<std::string> next;
        for (const std::string &parent : level) {
            for (int i = 0; i < children; ++i) {
                Role role;
                role.id = parent + "." + std::to_string(i);
                role.title = "Role " + role.id;
                role.reportsTo = parent;
                next.push_back(role.id);
                model.roles.push_back(std::move(role));
            }
        }
        level = std::move(next);
    }
    model.rebuildIndex();
    return model;
}

} // namespace

TEST(DocumentTest, SearchIgnoresCaseAndAccents)
{
    Document document;
    document.setModel(loadYaml(SmallOrgYaml));

    document.setSearchText(QStringLiteral("MARKET"));
    EXPECT_EQ(idsOf(document, document.searchMatches()),
              (std::vector<std::string>{"cmo", "analyst"}));

    document.setSearchText(QStringLiteral("jose muller"));
    EXPECT_EQ(idsOf(document, document.searchMatches()), (std::vector<std::string>{"analyst"}));

    document.setSearchText(QStringLiteral("sales-lead"));
    EXPECT_EQ(idsOf(document, document.searchMatches()), (std::vector<std::string>{"sales-lead"}));

    document.setSearchText(QStringLiteral("  "));
    EXPECT_TRUE(document.searchMatches().empty());
}

TEST(DocumentTest, MovingToAMatchSelectsAndRevealsIt)
{
    Document document;
    document.setModel(loadYaml(SmallOrgYaml));
    const RoleIndex ceo = find(document, "ceo");
    document.setCollapsed(ceo, true);

    document.setSearchText(QStringLiteral("customers"));
    ASSERT_EQ(document.searchMatches().size(), 1u);
    EXPECT_EQ(document.currentMatch(), -1);
    document.nextMatch();

    EXPECT_EQ(document.currentMatch(), 0);
    EXPECT_EQ(document.currentRole(), find(document, "rep"));
    EXPECT_FALSE(document.isCollapsed(ceo));
}

TEST(DocumentTest, NextAndPreviousWrapAround)
{
    Document document;
    document.setModel(loadYaml(SmallOrgYaml));
    document.setSearchText(QStringLiteral("director"));
    ASSERT_EQ(document.searchMatches().size(), 2u);

    document.previousMatch();
    EXPECT_EQ(document.currentRole(), find(document, "cfo"));
    document.nextMatch();
    EXPECT_EQ(document.currentRole(), find(document, "cmo"));
    document.nextMatch();
    EXPECT_EQ(document.currentRole(), find(document, "cfo"));
}

TEST(DocumentTest, CollapseToLevelKeepsThatManyLevelsOpen)
{
    Document document;
    document.setModel(loadYaml(SmallOrgYaml));
    document.collapseToLevel(2);

    EXPECT_FALSE(document.isCollapsed(find(document, "ceo")));
    EXPECT_TRUE(document.isCollapsed(find(document, "cmo")));
    EXPECT_TRUE(document.isCollapsed(find(document, "sales-lead")));
    EXPECT_FALSE(document.isCollapsed(find(document, "cfo"))) << "a role without reports";

    document.expandAll();
    EXPECT_FALSE(document.isCollapsed(find(document, "cmo")));
}

TEST(DocumentTest, SelectingOutsideTheFocusedSubtreeLeavesTheFocus)
{
    Document document;
    document.setModel(loadYaml(SmallOrgYaml));
    QSignalSpy focusChanged(&document, &Document::focusRootChanged);

    document.setFocusRoot(find(document, "cmo"));
    document.selectRole(find(document, "analyst"));
    EXPECT_EQ(document.focusRoot(), find(document, "cmo"));

    document.selectRole(find(document, "rep"));
    EXPECT_EQ(document.focusRoot(), NoRole);
    EXPECT_EQ(focusChanged.count(), 2);
}

TEST(DocumentTest, CtrlSelectionCollectsSeveralRoles)
{
    Document document;
    document.setModel(loadYaml(SmallOrgYaml));
    document.selectRole(find(document, "cmo"));
    document.toggleRoleSelected(find(document, "sales-lead"));

    EXPECT_EQ(idsOf(document, document.selectedRoles()),
              (std::vector<std::string>{"cmo", "sales-lead"}));
    EXPECT_EQ(document.currentRole(), find(document, "sales-lead"));

    document.toggleRoleSelected(find(document, "sales-lead"));
    EXPECT_EQ(idsOf(document, document.selectedRoles()), (std::vector<std::string>{"cmo"}));
    EXPECT_EQ(document.currentRole(), find(document, "cmo"));
}

TEST(DocumentTest, ShowingTheSameFileAgainKeepsStateByRoleId)
{
    Document document;
    document.setModel(loadYaml(SmallOrgYaml), QStringLiteral("/tmp/org.yaml"));
    document.selectRole(find(document, "analyst"));
    document.setCollapsed(find(document, "sales-lead"), true);
    QSignalSpy reset(&document, &Document::modelReset);

    // The analyst moves to another index: a role is inserted before it.
    Model changed = loadYaml(SmallOrgYaml);
    Role coo;
    coo.id = "coo";
    coo.title = "Chief Operating Officer";
    coo.reportsTo = "ceo";
    changed.roles.insert(changed.roles.begin(), coo);
    changed.rebuildIndex();
    document.setModel(std::move(changed), QStringLiteral("/tmp/org.yaml"));

    ASSERT_EQ(reset.count(), 1);
    EXPECT_TRUE(reset.front().front().toBool()) << "state kept";
    EXPECT_EQ(document.model().role(document.currentRole()).id, "analyst");
    EXPECT_TRUE(document.isCollapsed(find(document, "sales-lead")));

    document.setModel(loadYaml(SmallOrgYaml), QStringLiteral("/tmp/other.yaml"));
    EXPECT_EQ(document.currentRole(), NoRole) << "another file starts afresh";
}

TEST(DocumentTest, LargeModelOpensWithOnlyItsTopLevelsExpanded)
{
    Document document;
    document.setModel(wideTree(10, 4)); // 1 + 10 + 100 + 1,000 roles

    EXPECT_FALSE(document.isCollapsed(find(document, "r")));
    EXPECT_FALSE(document.isCollapsed(find(document, "r.0")));
    EXPECT_TRUE(document.isCollapsed(find(document, "r.0.0")));
    EXPECT_EQ(document.depthOf(find(document, "r.0.0.0")), 3);
    EXPECT_EQ(document.rowOf(find(document, "r.0.0.7")), 7);
}
