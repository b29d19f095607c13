#include "app/document.h"
#include "app/roletreemodel.h"

#include "testmodels.h"

#include <QAbstractItemModelTester>

#include <gtest/gtest.h>

using namespace rolescope;
using rolescope::testing::SmallOrgYaml;
using rolescope::testing::loadYaml;

TEST(RoleTreeModelTest, PassesTheModelTesterThroughResetsAndSearches)
{
    Document document;
    RoleTreeModel model(&document);
    // Attached before any data arrives, so every change is checked.
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);

    document.setModel(loadYaml(SmallOrgYaml), QStringLiteral("/tmp/a.yaml"));
    document.setSearchText(QStringLiteral("sales"));
    document.setSearchText(QString());
    document.setModel(loadYaml(SmallOrgYaml), QStringLiteral("/tmp/a.yaml"));
    document.setModel(loadYaml(SmallOrgYaml), QStringLiteral("/tmp/b.yaml"));
    EXPECT_EQ(model.rowCount(), 1);
}

TEST(RoleTreeModelTest, MirrorsTheReportingTree)
{
    Document document;
    RoleTreeModel model(&document);
    document.setModel(loadYaml(SmallOrgYaml));

    ASSERT_EQ(model.rowCount(), 1);
    const QModelIndex ceo = model.index(0, RoleTreeModel::TitleColumn);
    EXPECT_EQ(ceo.data().toString(), QStringLiteral("Chief Executive"));
    EXPECT_EQ(model.index(0, RoleTreeModel::HolderColumn).data().toString(),
              QStringLiteral("Ana Lima"));
    ASSERT_EQ(model.rowCount(ceo), 3);
    const QModelIndex cmo = model.index(0, 0, ceo);
    const QModelIndex analyst = model.index(0, 0, cmo);
    EXPECT_EQ(analyst.data(RoleTreeModel::RoleIdRole).toString(), QStringLiteral("analyst"));
    EXPECT_EQ(model.parent(analyst), cmo);
    EXPECT_EQ(model.indexForRole(document.model().find("analyst")), analyst);
    EXPECT_EQ(model.index(2, RoleTreeModel::HolderColumn, ceo).data().toString(),
              QStringLiteral("Vacant"));
}

TEST(RoleTreeModelTest, MarksSearchHits)
{
    Document document;
    RoleTreeModel model(&document);
    document.setModel(loadYaml(SmallOrgYaml));
    document.setSearchText(QStringLiteral("market"));

    const auto isHit = [&](const char *id) {
        return model.indexForRole(document.model().find(id))
            .data(RoleTreeModel::SearchMatchRole)
            .toBool();
    };
    EXPECT_TRUE(isHit("cmo"));
    EXPECT_TRUE(isHit("analyst"));
    EXPECT_FALSE(isHit("ceo"));
    EXPECT_FALSE(isHit("sales-lead"));
}
