#pragma once

#include "core/loader.h"

#include <QByteArray>
#include <QFile>
#include <QString>

#include <gtest/gtest.h>

namespace rolescope::testing {

// A small organisation whose search hits are known: "market" is in the marketing
// director's department and the analyst's duty, and nowhere else.
inline constexpr const char *SmallOrgYaml = R"(organization:
  name: Test Co
departments:
  - id: marketing
    name: Marketing
    color: "#2a7ab0"
  - id: sales
    name: Sales
roles:
  - id: ceo
    title: Chief Executive
    holders: [Ana Lima]
    responsibilities: [Run the company]
  - id: cmo
    title: Brand Director
    reports_to: ceo
    department: marketing
    responsibilities: [Plan the campaigns]
  - id: analyst
    title: Research Analyst
    reports_to: cmo
    department: marketing
    holders: [José Müller]
    responsibilities:
      - Conduct market research and analysis
      - Write the quarterly report
  - id: sales-lead
    title: Sales Lead
    reports_to: ceo
    department: sales
    responsibilities: [Meet the sales targets, Manage key accounts]
  - id: rep
    title: Sales Representative
    reports_to: sales-lead
    department: sales
    also_reports_to: [cmo]
    responsibilities: [Visit customers]
  - id: cfo
    title: Finance Director
    reports_to: ceo
    responsibilities: [Keep the books]
)";

inline Model loadYaml(const char *yaml)
{
    LoadResult result = loadModelFromBytes(yaml);
    EXPECT_TRUE(result.ok()) << (result.diagnostics.empty() ? std::string()
                                                            : result.diagnostics.front().message);
    return result.ok() ? std::move(*result.model) : Model();
}

// Writes a model file in place, as most editors do.
inline void writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    ASSERT_EQ(file.write(content), content.size());
}

// ROLES roles, eight reports per manager; roles 2k and 2k + 1 (siblings from r9 on) share a
// duty word for word, and each has one of its own.
inline QByteArray branchLedgersYaml(int roles)
{
    QByteArray yaml = "organization:\n  name: Large\nroles:\n";
    for (int i = 0; i < roles; ++i) {
        yaml += QStringLiteral("  - id: r%1\n    title: Role %1\n").arg(i).toUtf8();
        if (i > 0)
            yaml += QStringLiteral("    reports_to: r%1\n").arg((i - 1) / 8).toUtf8();
        yaml += QStringLiteral("    responsibilities:\n      - Reconcile the ledger of branch %1\n"
                               "      - Unique task number %2\n")
                    .arg(i / 2)
                    .arg(i)
                    .toUtf8();
    }
    return yaml;
}

} // namespace rolescope::testing
