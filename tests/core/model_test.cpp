#include "core/model.h"

#include <gtest/gtest.h>

using namespace rolescope;

namespace {

Role makeRole(std::string id, std::string reportsTo = {})
{
    Role role;
    role.id = std::move(id);
    role.title = role.id;
    role.reportsTo = std::move(reportsTo);
    return role;
}

} // namespace

TEST(Model, IndexGivesChildrenInFileOrderAndTopRoles)
{
    Model model;
    model.roles = {makeRole("b", "a"), makeRole("a"), makeRole("c", "a"), makeRole("x"), makeRole("d", "c")};
    model.rebuildIndex();
    EXPECT_EQ(model.find("a"), 1);
    EXPECT_EQ(model.find("A"), NoRole);
    EXPECT_EQ(model.find("zz"), NoRole);
    ASSERT_EQ(model.topRoles().size(), 2u);
    EXPECT_EQ(model.topRoles()[0], 1);
    EXPECT_EQ(model.topRoles()[1], 3);
    const auto children = model.childrenOf(1);
    ASSERT_EQ(children.size(), 2u);
    EXPECT_EQ(children[0], 0);
    EXPECT_EQ(children[1], 2);
    EXPECT_EQ(model.parentOf(4), 2);
    EXPECT_EQ(model.depthOf(4), 2);
    EXPECT_TRUE(model.childrenOf(4).empty());
}

TEST(Model, CopiesKeepAWorkingIndex)
{
    Model model;
    model.roles = {makeRole("a"), makeRole("b", "a")};
    model.rebuildIndex();
    const Model copy = model;
    model.roles.clear();
    model.rebuildIndex();
    EXPECT_EQ(copy.find("b"), 1);
    EXPECT_EQ(copy.parentOf(1), 0);
}

TEST(Model, DepartmentNameFallsBackToFreeText)
{
    Model model;
    model.departments = {Department{"mkt", "Marketing", "#336699", {}}};
    Role inList = makeRole("a");
    inList.department = "mkt";
    Role freeText = makeRole("b");
    freeText.department = "Field Sales";
    model.roles = {inList, freeText};
    model.rebuildIndex();
    EXPECT_EQ(model.departmentName(model.role(0)), "Marketing");
    EXPECT_EQ(model.departmentName(model.role(1)), "Field Sales");
}
