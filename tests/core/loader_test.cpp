#include "core/loader.h"

#include "diagnosticsupport.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

using namespace rolescope;
using rolescope::testing::describe;
using rolescope::testing::findCode;

namespace {

LoadResult load(std::string_view yaml, const LoadLimits &limits = {})
{
    return loadModelFromBytes(yaml, limits);
}

// Asserts that the load failed with `code` at line:column (1-based) and kept no model.
void expectError(const LoadResult &result, std::string_view code, int line, int column)
{
    const Diagnostic *d = findCode(result, code);
    ASSERT_NE(d, nullptr) << "no " << code << " in:\n" << describe(result);
    EXPECT_TRUE(d->isError()) << describe(result);
    EXPECT_EQ(d->pos.line, line) << describe(result);
    EXPECT_EQ(d->pos.column, column) << describe(result);
    EXPECT_FALSE(result.model.has_value());
}

const char *const minimal = "organization:\n  name: Acme\nroles:\n  - id: ceo\n    title: Chief\n";

} // namespace

TEST(Loader, MinimalModelLoads)
{
    const LoadResult result = load(minimal);
    ASSERT_TRUE(result.model) << describe(result);
    EXPECT_TRUE(result.diagnostics.empty());
    EXPECT_EQ(result.model->organization.name, "Acme");
    ASSERT_EQ(result.model->roleCount(), 1);
    EXPECT_EQ(result.model->role(0).title, "Chief");
    EXPECT_EQ(result.model->role(0).idPos, (SourcePos{4, 9}));
    EXPECT_EQ(result.model->role(0).titlePos, (SourcePos{5, 12}));
}

TEST(Loader, ReadsEveryField)
{
    const LoadResult result = load(R"(format: rolescope/1
organization:
  name: Example Co
  description: A company
departments:
  - id: marketing
    color: "#2a7ab0"
  - id: sales
    name: Sales
roles:
  - id: gm
    title: General Manager
  - id: mm
    title: Marketing Manager
    reports_to: gm
    also_reports_to: [sm]
    department: marketing
    holders: [Li Wei, Ann]
    summary: Runs marketing
    responsibilities:
      - Organise marketing work
      - text: Conduct market research
        tags: [market-research]
  - id: sm
    title: Sales Manager
    reports_to: gm
    department: sales
settings:
  overlap:
    threshold: 0.4
    synonyms:
      - [market research, market analysis]
)");
    ASSERT_TRUE(result.model) << describe(result);
    const Model &model = *result.model;
    EXPECT_EQ(model.organization.description, "A company");
    ASSERT_EQ(model.departments.size(), 2u);
    EXPECT_EQ(model.departments[0].name, "marketing"); // defaults to the id
    EXPECT_EQ(model.departments[0].color, "#2a7ab0");
    EXPECT_EQ(model.departments[1].name, "Sales");
    const Role &mm = model.role(model.find("mm"));
    EXPECT_EQ(mm.reportsTo, "gm");
    EXPECT_EQ(mm.alsoReportsTo, std::vector<std::string>{"sm"});
    EXPECT_EQ(mm.holders, (std::vector<std::string>{"Li Wei", "Ann"}));
    EXPECT_EQ(mm.summary, "Runs marketing");
    ASSERT_EQ(mm.responsibilities.size(), 2u);
    EXPECT_EQ(mm.responsibilities[1].text, "Conduct market research");
    EXPECT_EQ(mm.responsibilities[1].tags, std::vector<std::string>{"market-research"});
    EXPECT_EQ(mm.responsibilities[1].pos.line, 22);
    EXPECT_EQ(model.departmentName(mm), "marketing");
    ASSERT_TRUE(model.overlapSettings.threshold);
    EXPECT_DOUBLE_EQ(*model.overlapSettings.threshold, 0.4);
    ASSERT_EQ(model.overlapSettings.synonyms.size(), 1u);
    EXPECT_EQ(model.overlapSettings.synonyms[0][1], "market analysis");

    ASSERT_EQ(model.topRoles().size(), 1u);
    EXPECT_EQ(model.role(model.topRoles()[0]).id, "gm");
    const auto reports = model.childrenOf(model.find("gm"));
    ASSERT_EQ(reports.size(), 2u);
    EXPECT_EQ(model.role(reports[0]).id, "mm"); // file order
    EXPECT_EQ(model.role(reports[1]).id, "sm");
    EXPECT_EQ(model.dottedManagersOf(model.find("mm")), std::vector<RoleIndex>{model.find("sm")});
}

TEST(Loader, IdsAndTitlesKeepTheirExactText)
{
    const LoadResult result = load("organization: {name: X}\nroles:\n"
                                   "  - {id: 007, title: no}\n"
                                   "  - {id: 7, title: 1.50, reports_to: 007}\n"
                                   "  - {id: Yes, title: 'null', reports_to: '7'}\n");
    ASSERT_TRUE(result.model) << describe(result);
    const Model &model = *result.model;
    EXPECT_EQ(model.role(0).id, "007");
    EXPECT_EQ(model.role(0).title, "no");
    EXPECT_EQ(model.role(1).title, "1.50");
    EXPECT_EQ(model.role(1).reportsTo, "007");
    EXPECT_EQ(model.role(2).id, "Yes");
    EXPECT_EQ(model.role(2).title, "null");
    EXPECT_EQ(model.parentOf(2), 1);
}

TEST(Loader, ReferencesAreCaseSensitiveAndUntrimmed)
{
    const LoadResult result = load("organization: {name: X}\nroles:\n"
                                   "  - {id: CEO, title: A}\n"
                                   "  - {id: b, title: B, reports_to: ceo}\n");
    expectError(result, "unknown-role", 4, 35);
}

TEST(Loader, NullManagerMeansTopRole)
{
    const LoadResult result = load("organization: {name: X}\nroles:\n"
                                   "  - {id: a, title: A, reports_to: null}\n"
                                   "  - {id: b, title: B, reports_to: ~}\n");
    ASSERT_TRUE(result.model) << describe(result);
    EXPECT_EQ(result.model->topRoles().size(), 2u);
}

TEST(Loader, ForestIsAllowed)
{
    const LoadResult result = load("organization: {name: X}\nroles:\n"
                                   "  - {id: a, title: A}\n  - {id: b, title: B}\n  - {id: c, title: C, reports_to: b}\n");
    ASSERT_TRUE(result.model) << describe(result);
    EXPECT_EQ(result.model->topRoles().size(), 2u);
}

// ---- one test per diagnostic code, asserting code, line and column ----

TEST(LoaderDiagnostics, SyntaxError)
{
    expectError(load("organization:\n  name: [unclosed\nroles: []\n"), "syntax-error", 3, 6);
}

TEST(LoaderDiagnostics, WrongTypeMappingWhereListBelongs)
{
    expectError(load("organization: {name: X}\nroles:\n  id: a\n  title: A\n"), "wrong-type", 3, 3);
}

TEST(LoaderDiagnostics, WrongTypeListWhereScalarBelongs)
{
    expectError(load("organization: {name: X}\nroles:\n  - id: a\n    title: [A, B]\n"), "wrong-type", 4, 12);
}

TEST(LoaderDiagnostics, WrongTypeScalarDocument)
{
    expectError(load("just some text\n"), "wrong-type", 1, 1);
}

TEST(LoaderDiagnostics, MissingRequiredKeys)
{
    const LoadResult noTitle = load("organization: {name: X}\nroles:\n  - id: a\n    summary: s\n");
    expectError(noTitle, "missing-key", 3, 5);
    EXPECT_EQ(findCode(noTitle, "missing-key")->roleId, "a");
    expectError(load("organization: {name: X}\nroles:\n  - title: A\n"), "missing-key", 3, 5);
    expectError(load("organization: {description: d}\nroles:\n  - {id: a, title: A}\n"), "missing-key", 1, 15);
    expectError(load("roles:\n  - {id: a, title: A}\n"), "missing-key", 1, 1);
    expectError(load("organization: {name: X}\n"), "missing-key", 1, 1);
}

TEST(LoaderDiagnostics, EmptyIdsAndTitles)
{
    expectError(load("organization: {name: X}\nroles:\n  - id: ''\n    title: A\n"), "empty-value", 3, 9);
    expectError(load("organization: {name: X}\nroles:\n  - id: a\n    title: \"\"\n"), "empty-value", 4, 12);
}

TEST(LoaderDiagnostics, DuplicateRoleIdNamesBothPositions)
{
    const LoadResult result = load("organization: {name: X}\nroles:\n  - id: a\n    title: A\n"
                                   "  - id: a\n    title: B\n");
    expectError(result, "duplicate-id", 5, 9);
    EXPECT_NE(findCode(result, "duplicate-id")->message.find("line 3, column 9"), std::string::npos);
}

TEST(LoaderDiagnostics, DuplicateKeyInOneMapping)
{
    const LoadResult result = load("organization: {name: X}\nroles:\n  - id: a\n    title: A\n    title: B\n");
    expectError(result, "duplicate-key", 5, 5);
    EXPECT_NE(findCode(result, "duplicate-key")->message.find("line 4, column 5"), std::string::npos);
}

TEST(LoaderDiagnostics, DuplicateKeyInALargeMapping)
{
    std::string yaml = "organization: {name: X}\nroles:\n  - {id: a, title: A}\nsettings:\n";
    for (int i = 0; i < 40; ++i)
        yaml += "  k" + std::to_string(i) + ": 1\n";
    yaml += "  k7: 2\n";
    expectError(load(yaml), "duplicate-key", 45, 3);
}

TEST(LoaderDiagnostics, UnknownManager)
{
    const LoadResult result = load("organization: {name: X}\nroles:\n  - id: a\n    title: A\n    reports_to: zz\n");
    expectError(result, "unknown-role", 5, 17);
    EXPECT_EQ(findCode(result, "unknown-role")->roleId, "a");
}

TEST(LoaderDiagnostics, UnknownDottedLineManager)
{
    expectError(load("organization: {name: X}\nroles:\n  - id: a\n    title: A\n    also_reports_to: [b, zz]\n"
                     "  - {id: b, title: B}\n"),
                "unknown-role", 5, 26);
}

TEST(LoaderDiagnostics, SelfReport)
{
    expectError(load("organization: {name: X}\nroles:\n  - id: a\n    title: A\n    reports_to: a\n"),
                "self-report", 5, 17);
}

TEST(LoaderDiagnostics, ReportingCycleNamesEveryRole)
{
    const LoadResult result = load("organization: {name: X}\nroles:\n"
                                   "  - {id: top, title: T}\n"
                                   "  - {id: a, title: A, reports_to: c}\n"
                                   "  - {id: b, title: B, reports_to: a}\n"
                                   "  - {id: c, title: C, reports_to: b}\n");
    expectError(result, "reporting-cycle", 4, 35);
    const std::string &message = findCode(result, "reporting-cycle")->message;
    for (const char *id : {"'a'", "'b'", "'c'"})
        EXPECT_NE(message.find(id), std::string::npos) << message;
    EXPECT_EQ(message.find("'top'"), std::string::npos) << message;
}

TEST(LoaderDiagnostics, NoRoles)
{
    expectError(load("organization: {name: X}\nroles: []\n"), "no-roles", 2, 8);
    expectError(load("organization: {name: X}\nroles:\n"), "no-roles", 2, 1);
}

TEST(LoaderDiagnostics, EmptyFile)
{
    expectError(load(""), "empty-file", 1, 1);
    expectError(load("# only a comment\n"), "empty-file", 1, 1);
}

TEST(LoaderDiagnostics, UnsupportedFormat)
{
    expectError(load("format: rolescope/2\norganization: {name: X}\nroles: [{id: a, title: A}]\n"),
                "unsupported-format", 1, 9);
}

TEST(LoaderDiagnostics, UnknownKeyIsAWarningWithAHint)
{
    const LoadResult result = load("organization: {name: X}\nroles:\n  - id: a\n    titel: A\n    title: A\n"
                                   "    colour: red\n");
    ASSERT_TRUE(result.model) << describe(result);
    ASSERT_EQ(result.diagnostics.size(), 2u) << describe(result);
    const Diagnostic &hinted = result.diagnostics[0];
    EXPECT_EQ(hinted.code, "unknown-key");
    EXPECT_EQ(hinted.severity, Severity::Warning);
    EXPECT_EQ(hinted.pos, (SourcePos{4, 5}));
    EXPECT_NE(hinted.message.find("did you mean 'title'"), std::string::npos) << hinted.message;
    EXPECT_EQ(result.diagnostics[1].pos, (SourcePos{6, 5}));
}

TEST(LoaderDiagnostics, InvalidColorIsAWarning)
{
    const LoadResult result = load("organization: {name: X}\ndepartments:\n  - id: d\n    color: notacolour\n"
                                   "  - id: e\n    color: Light Blue\nroles: [{id: a, title: A, department: d}]\n");
    ASSERT_TRUE(result.model) << describe(result);
    const Diagnostic *d = findCode(result, "invalid-color");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->pos, (SourcePos{4, 12}));
    EXPECT_EQ(result.diagnostics.size(), 1u) << describe(result);
}

TEST(LoaderDiagnostics, UnknownDepartment)
{
    expectError(load("organization: {name: X}\ndepartments: [{id: sales}]\nroles:\n  - id: a\n    title: A\n"
                     "    department: Sales\n"),
                "unknown-department", 6, 17);
}

TEST(LoaderDiagnostics, FreeTextDepartmentWithoutAList)
{
    const LoadResult result = load("organization: {name: X}\nroles: [{id: a, title: A, department: Any Team}]\n");
    ASSERT_TRUE(result.model) << describe(result);
    EXPECT_EQ(result.model->departmentName(result.model->role(0)), "Any Team");
}

TEST(LoaderDiagnostics, DuplicateDepartmentId)
{
    expectError(load("organization: {name: X}\ndepartments: [{id: d}, {id: d}]\nroles: [{id: a, title: A}]\n"),
                "duplicate-id", 2, 29);
}

TEST(LoaderDiagnostics, InvalidThreshold)
{
    expectError(load("organization: {name: X}\nroles: [{id: a, title: A}]\nsettings:\n  overlap:\n    threshold: 1.5\n"),
                "invalid-value", 5, 16);
}

TEST(LoaderDiagnostics, AnchorsAliasesAndMergeKeysAreRefused)
{
    const LoadResult result = load("organization: {name: X}\nroles:\n  - &r {id: a, title: A}\n"
                                   "  - id: b\n    title: B\n    <<: *r\n");
    expectError(result, "anchor-not-supported", 3, 5);
    expectError(result, "merge-key-not-supported", 6, 5);
    expectError(result, "alias-not-supported", 6, 9);
}

TEST(LoaderDiagnostics, SecondDocument)
{
    expectError(load("organization: {name: X}\nroles: [{id: a, title: A}]\n---\norganization: {name: Y}\n"),
                "multiple-documents", 3, 1);
}

TEST(LoaderDiagnostics, UnclosedQuoteDoesNotSwallowTheFile)
{
    expectError(load("organization: {name: X}\nroles:\n  - id: a\n    title: \"Sales\n  - id: b\n    title: B\n"),
                "unclosed-quote", 4, 12);
    expectError(load("organization: {name: X}\nroles:\n  - id: a\n    title: 'it''s\n"), "unclosed-quote", 4, 12);
}

TEST(LoaderDiagnostics, InvalidUtf8AtItsPosition)
{
    expectError(load("organization: {name: X}\nroles:\n  - {id: a, title: \"caf\xC3\xA9 \xFF\"}\n"),
                "invalid-utf8", 3, 26);
}

TEST(LoaderDiagnostics, NulByteAtItsPosition)
{
    const char bytes[] = "organization: {name: X}\nroles:\n  - {id: a, ti\0tle: A}\n";
    expectError(load(std::string_view(bytes, sizeof bytes - 1)), "nul-byte", 3, 15);
}

TEST(LoaderDiagnostics, ControlCharacterAtItsPosition)
{
    expectError(load("organization: {name: X}\nroles:\n  - {id: a, title: A\x07}\n"), "control-character", 3, 21);
}

TEST(LoaderDiagnostics, AllProblemsReportedInOnePass)
{
    const LoadResult result = load("organization: {name: X}\nroles:\n"
                                   "  - {id: a, title: A, reports_to: nobody}\n"
                                   "  - {id: a, title: ''}\n"
                                   "  - {id: c, title: C, reprots_to: a}\n");
    EXPECT_TRUE(findCode(result, "unknown-role"));
    EXPECT_TRUE(findCode(result, "duplicate-id"));
    EXPECT_TRUE(findCode(result, "empty-value"));
    EXPECT_TRUE(findCode(result, "unknown-key"));
    EXPECT_FALSE(result.model);
}

// ---- encodings ----

TEST(LoaderEncodings, CrlfAndUtf8BomLoad)
{
    const LoadResult result =
        load("\xEF\xBB\xBForganization:\r\n  name: X\r\nroles:\r\n  - id: a\r\n    title: A\r\n    reports_to: b\r\n"
             "  - id: b\r\n    title: B\r\n");
    ASSERT_TRUE(result.model) << describe(result);
    EXPECT_EQ(result.model->role(0).title, "A"); // no stray CR
    EXPECT_EQ(result.model->role(0).titlePos, (SourcePos{5, 12}));
}

TEST(LoaderEncodings, Utf16WithBomLoads)
{
    const std::string utf8 = "organization: {name: 市场}\nroles: [{id: 经理, title: 市场经理}]\n";
    // Encode as UTF-16LE by hand (all characters are in the BMP).
    std::u16string utf16;
    for (size_t i = 0; i < utf8.size();) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        char32_t cp;
        if (c < 0x80) {
            cp = c, i += 1;
        } else {
            cp = ((c & 0x0F) << 12) | ((utf8[i + 1] & 0x3F) << 6) | (utf8[i + 2] & 0x3F), i += 3;
        }
        utf16 += static_cast<char16_t>(cp);
    }
    for (const bool littleEndian : {true, false}) {
        std::string bytes = littleEndian ? "\xFF\xFE" : "\xFE\xFF";
        for (const char16_t unit : utf16) {
            const char lo = static_cast<char>(unit & 0xFF), hi = static_cast<char>(unit >> 8);
            bytes += littleEndian ? lo : hi;
            bytes += littleEndian ? hi : lo;
        }
        const LoadResult result = load(bytes);
        ASSERT_TRUE(result.model) << describe(result);
        EXPECT_EQ(result.model->role(0).id, "经理");
        EXPECT_EQ(result.model->role(0).title, "市场经理");
    }
}

TEST(LoaderEncodings, CjkColumnsCountCharacters)
{
    const LoadResult result = load("organization: {name: 公司}\nroles:\n  - {id: 经理, title: 市场经理, reports_to: 总经理}\n");
    // "  - {id: 经理, title: 市场经理, reports_to: " is 38 characters long.
    expectError(result, "unknown-role", 3, 39);
}

// ---- hostile and odd input, generated here rather than stored ----

TEST(LoaderLimits, DeepFlowNestingIsRefusedPromptly)
{
    const std::string yaml = "organization: {name: X}\nroles: " + std::string(100000, '[') + std::string(100000, ']');
    const LoadResult result = load(yaml);
    expectError(result, "nesting-too-deep", 2, 71); // the 64th bracket
}

TEST(LoaderLimits, BillionLaughsDoesNotExpand)
{
    std::string yaml = "organization: {name: X}\nroles: [{id: a, title: A}]\nsettings:\n  l0: &l0 [lol, lol, lol, lol]\n";
    for (int level = 1; level < 30; ++level) {
        yaml += "  l" + std::to_string(level) + ": &l" + std::to_string(level) + " [";
        for (int k = 0; k < 10; ++k)
            yaml += std::string(k ? ", " : "") + "*l" + std::to_string(level - 1);
        yaml += "]\n";
    }
    const LoadResult result = load(yaml);
    expectError(result, "alias-not-supported", 5, 12);
    EXPECT_NE(findCode(result, "alias-not-supported")->message.find("*l0"), std::string::npos);
}

TEST(LoaderLimits, HugeTitleIsRefused)
{
    const std::string yaml = "organization: {name: X}\nroles:\n  - id: a\n    title: " + std::string(1 << 20, 'x') + "\n";
    const LoadResult result = load(yaml);
    expectError(result, "scalar-too-long", 4, 12);
    EXPECT_EQ(result.diagnostics.size(), 1u) << describe(result);
}

TEST(LoaderLimits, FileSizeLimit)
{
    LoadLimits limits;
    limits.maxFileBytes = 64;
    expectError(load(std::string(100, '#'), limits), "file-too-large", 1, 1);
}

TEST(LoaderLimits, NodeCountLimit)
{
    LoadLimits limits;
    limits.maxNodes = 100;
    std::string yaml = "organization: {name: X}\nroles:\n";
    for (int i = 0; i < 50; ++i)
        yaml += "  - {id: r" + std::to_string(i) + ", title: T}\n";
    const LoadResult result = load(yaml, limits);
    const Diagnostic *d = findCode(result, "too-many-nodes");
    ASSERT_NE(d, nullptr) << describe(result);
    EXPECT_GT(d->pos.line, 2);
    EXPECT_FALSE(result.model);
}

TEST(LoaderLimits, RoleCountLimit)
{
    LoadLimits limits;
    limits.maxRoles = 3;
    std::string yaml = "organization: {name: X}\nroles:\n";
    for (int i = 0; i < 5; ++i)
        yaml += "  - {id: r" + std::to_string(i) + ", title: T}\n";
    expectError(load(yaml, limits), "too-many-roles", 6, 5);
}

TEST(LoaderLimits, ResponsibilitiesPerRoleLimit)
{
    LoadLimits limits;
    limits.maxResponsibilitiesPerRole = 2;
    expectError(load("organization: {name: X}\nroles:\n  - id: a\n    title: A\n    responsibilities: [x, y, z]\n",
                     limits),
                "too-many-responsibilities", 5, 23);
}

TEST(LoaderLimits, HundredThousandDeepChainLoads)
{
    constexpr int depth = 100000;
    std::string yaml = "organization: {name: Deep}\nroles:\n  - {id: r0, title: T}\n";
    for (int i = 1; i < depth; ++i)
        yaml += "  - {id: r" + std::to_string(i) + ", title: T, reports_to: r" + std::to_string(i - 1) + "}\n";
    const LoadResult result = load(yaml);
    ASSERT_TRUE(result.model) << describe(result);
    EXPECT_EQ(result.model->roleCount(), depth);
    EXPECT_EQ(result.model->depthOf(depth - 1), depth - 1);
}

TEST(LoaderLimits, HundredThousandRoleCycleIsReported)
{
    constexpr int size = 100000;
    std::string yaml = "organization: {name: Loop}\nroles:\n";
    for (int i = 0; i < size; ++i)
        yaml += "  - {id: r" + std::to_string(i) + ", title: T, reports_to: r" + std::to_string((i + 1) % size) + "}\n";
    const LoadResult result = load(yaml);
    EXPECT_TRUE(findCode(result, "reporting-cycle")) << describe(result).substr(0, 500);
}

// ---- files ----

class LoaderFiles : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_dir = std::filesystem::temp_directory_path()
                / ("rolescope-loader-test-" + std::to_string(::getpid()));
        std::filesystem::create_directories(m_dir);
    }
    void TearDown() override { std::filesystem::remove_all(m_dir); }
    std::filesystem::path m_dir;
};

TEST_F(LoaderFiles, RegularFileLoads)
{
    const auto path = m_dir / "model.yaml";
    std::ofstream(path) << minimal;
    const LoadResult result = loadModelFromFile(path.string());
    ASSERT_TRUE(result.model) << describe(result);
    EXPECT_FALSE(result.readFailed);
}

TEST_F(LoaderFiles, MissingFileIsAReadFailure)
{
    const LoadResult result = loadModelFromFile((m_dir / "absent.yaml").string());
    EXPECT_TRUE(result.readFailed);
    ASSERT_NE(findCode(result, "file-unreadable"), nullptr);
}

TEST_F(LoaderFiles, DirectoryIsRefused)
{
    const LoadResult result = loadModelFromFile(m_dir.string());
    EXPECT_TRUE(result.readFailed);
    ASSERT_NE(findCode(result, "not-a-regular-file"), nullptr);
}

TEST_F(LoaderFiles, FifoIsRefusedWithoutBlocking)
{
    const auto path = m_dir / "pipe";
    ASSERT_EQ(::mkfifo(path.c_str(), 0600), 0);
    // Opening a FIFO for reading with no writer would block forever; it must be refused first.
    const LoadResult result = loadModelFromFile(path.string());
    EXPECT_TRUE(result.readFailed);
    ASSERT_NE(findCode(result, "not-a-regular-file"), nullptr);
}

TEST_F(LoaderFiles, ShippedModelsLoadWithoutProblems)
{
    int checked = 0;
    for (const auto &entry : std::filesystem::recursive_directory_iterator(ROLESCOPE_RESOURCES_DIR)) {
        if (entry.path().extension() != ".yaml")
            continue;
        const LoadResult result = loadModelFromFile(entry.path().string());
        EXPECT_TRUE(result.model) << entry.path() << "\n" << describe(result);
        EXPECT_TRUE(result.diagnostics.empty()) << entry.path() << "\n" << describe(result);
        ++checked;
    }
    EXPECT_GE(checked, 3);
}

// ---- large files are parsed in pieces on several threads; the result must not show it ----

namespace {

std::string largeModel(int roles, const std::string &extraAfterRole = {}, int extraAt = -1)
{
    std::string yaml = "format: rolescope/1\norganization:\n  name: Big\n# a comment\nroles:\n";
    for (int i = 0; i < roles; ++i) {
        yaml += "  - id: r" + std::to_string(i) + "\n    title: Role number " + std::to_string(i) + "\n";
        if (i > 0)
            yaml += "    reports_to: r" + std::to_string((i - 1) / 5) + "\n";
        yaml += "    responsibilities:\n      - Prepare the weekly report on sales channel performance\n"
                "      - text: \"Coordinate market research with the product team\"\n        tags: [research]\n";
        if (i == extraAt)
            yaml += extraAfterRole;
    }
    yaml += "settings:\n  overlap:\n    threshold: 0.6\n";
    return yaml;
}

void expectSameLoad(const LoadResult &a, const LoadResult &b)
{
    ASSERT_EQ(a.diagnostics.size(), b.diagnostics.size()) << describe(b).substr(0, 2000);
    for (size_t i = 0; i < a.diagnostics.size(); ++i) {
        EXPECT_EQ(formatDiagnostic("f", a.diagnostics[i]), formatDiagnostic("f", b.diagnostics[i]));
    }
    ASSERT_EQ(a.model.has_value(), b.model.has_value());
    if (!a.model)
        return;
    ASSERT_EQ(a.model->roleCount(), b.model->roleCount());
    for (int i = 0; i < a.model->roleCount(); ++i) {
        const Role &x = a.model->role(i);
        const Role &y = b.model->role(i);
        ASSERT_EQ(x.id, y.id);
        ASSERT_EQ(x.reportsTo, y.reportsTo);
        ASSERT_EQ(x.titlePos, y.titlePos);
        ASSERT_EQ(x.responsibilities.size(), y.responsibilities.size());
        for (size_t k = 0; k < x.responsibilities.size(); ++k) {
            ASSERT_EQ(x.responsibilities[k].text, y.responsibilities[k].text);
            ASSERT_EQ(x.responsibilities[k].tags, y.responsibilities[k].tags);
        }
    }
    EXPECT_EQ(a.model->overlapSettings.threshold, b.model->overlapSettings.threshold);
}

void expectSameResult(const std::string &yaml)
{
    LoadLimits whole;
    whole.parseThreads = 1;
    LoadLimits pieces;
    pieces.parseThreads = 4;
    expectSameLoad(loadModelFromBytes(yaml, whole), loadModelFromBytes(yaml, pieces));
}

} // namespace

TEST(LoaderPieces, CleanLargeFileGivesTheSameModel)
{
    const std::string yaml = largeModel(12000);
    ASSERT_GT(yaml.size(), 2u << 20); // large enough to be split
    expectSameResult(yaml);
    LoadLimits pieces;
    pieces.parseThreads = 4;
    const LoadResult result = loadModelFromBytes(yaml, pieces);
    ASSERT_TRUE(result.model);
    EXPECT_EQ(result.model->roleCount(), 12000);
    EXPECT_EQ(result.model->role(11999).titlePos.line, result.model->role(11999).idPos.line + 1);
}

TEST(LoaderPieces, ErrorsAcrossPiecesAreTheSame)
{
    // A duplicate id far from the original, and a bad reference, in different pieces.
    expectSameResult(largeModel(12000, "  - id: r3\n    title: Again\n    reports_to: nobody\n", 9000));
}

TEST(LoaderPieces, UnclosedQuoteInTheMiddleIsTheSame)
{
    expectSameResult(largeModel(12000, "  - id: q\n    title: \"never closed\n", 5000));
}

TEST(LoaderPieces, QuotedValueSpanningACutIsTheSame)
{
    // A multi-line quoted value whose continuation line looks like a list item.
    std::string longValue = "  - id: span\n    title: T\n    summary: \"starts here\n";
    for (int i = 0; i < 2000; ++i)
        longValue += "  - id: fake" + std::to_string(i) + "\n";
    longValue += "      ends here\"\n";
    expectSameResult(largeModel(12000, longValue, 5900));
}

TEST(LoaderPieces, SyntaxErrorInTheMiddleIsTheSame)
{
    expectSameResult(largeModel(12000, "  - id: bad\n    title: [unclosed\n", 7000));
}

// ---- a load followed and stopped through LoadControl ----

namespace {

struct ProgressLog
{
    std::vector<std::uint64_t> done;
    std::uint64_t total = 0;
    bool totalChanged = false;
};

// A control whose callback records every call; the loader makes them one at a time.
void recordInto(LoadControl &control, ProgressLog &log)
{
    control.progress = [&log](std::uint64_t done, std::uint64_t total) {
        if (!log.done.empty() && total != log.total)
            log.totalChanged = true;
        log.total = total;
        log.done.push_back(done);
    };
}

void expectSteadyProgress(const ProgressLog &log, std::uint64_t total)
{
    ASSERT_GE(log.done.size(), 2u);
    EXPECT_FALSE(log.totalChanged);
    EXPECT_EQ(log.total, total);
    EXPECT_EQ(log.done.front(), 0u);
    EXPECT_EQ(log.done.back(), total);
    EXPECT_TRUE(std::is_sorted(log.done.begin(), log.done.end()));
    // Coarse steps: a bar, not a call per role.
    EXPECT_LE(log.done.size(), 220u);
}

} // namespace

TEST(LoaderControl, ProgressOfALargeFileClimbsToTheTotal)
{
    const std::string yaml = largeModel(12000);
    for (const unsigned threads : {1u, 4u}) {
        LoadLimits limits;
        limits.parseThreads = threads;
        LoadControl control;
        ProgressLog log;
        recordInto(control, log);
        const LoadResult result = loadModelFromBytes(yaml, limits, &control);
        ASSERT_TRUE(result.model) << describe(result, 5);
        EXPECT_FALSE(result.cancelled);
        expectSteadyProgress(log, yaml.size());
        EXPECT_GE(log.done.size(), 50u) << threads << " threads"; // the bar moves while parsing
    }
}

TEST(LoaderControl, ProgressOfASmallOrBrokenFileStillEnds)
{
    const std::vector<std::string> models = {
        minimal,
        largeModel(12000, "  - id: bad\n    title: [unclosed\n", 7000), // parsed again, whole
        largeModel(12000, "  - id: r3\n    title: Again\n", 9000),
    };
    for (const std::string &yaml : models) {
        LoadControl control;
        ProgressLog log;
        recordInto(control, log);
        loadModelFromBytes(yaml, {}, &control);
        expectSteadyProgress(log, yaml.size());
    }
}

TEST(LoaderControl, ResultsWithAControlAreTheSame)
{
    const std::vector<std::string> models = {
        largeModel(12000),
        largeModel(12000, "  - id: r3\n    title: Again\n    reports_to: nobody\n", 9000),
        largeModel(12000, "  - id: q\n    title: \"never closed\n", 5000),
    };
    for (const std::string &yaml : models) {
        LoadControl control;
        ProgressLog log;
        recordInto(control, log);
        expectSameLoad(loadModelFromBytes(yaml), loadModelFromBytes(yaml, {}, &control));
    }
}

TEST(LoaderControl, CancelFromTheCallbackStopsEveryThreadEarly)
{
    const std::string yaml = largeModel(12000);
    for (const unsigned threads : {1u, 4u}) {
        LoadLimits limits;
        limits.parseThreads = threads;
        LoadControl control;
        std::vector<std::uint64_t> done;
        control.progress = [&](std::uint64_t bytes, std::uint64_t total) {
            done.push_back(bytes);
            if (bytes >= total / 10)
                control.cancelled = true;
        };
        const LoadResult result = loadModelFromBytes(yaml, limits, &control);
        EXPECT_TRUE(result.cancelled);
        EXPECT_FALSE(result.model);
        EXPECT_TRUE(result.diagnostics.empty()) << describe(result, 5);
        EXPECT_FALSE(result.readFailed);
        ASSERT_FALSE(done.empty());
        EXPECT_LT(done.back(), yaml.size() / 2) << threads << " threads";
    }
}

TEST_F(LoaderFiles, CancelledBeforeItStartsLoadsNothing)
{
    const auto path = m_dir / "model.yaml";
    std::ofstream(path) << minimal;
    LoadControl control;
    bool called = false;
    control.progress = [&](std::uint64_t, std::uint64_t) { called = true; };
    control.cancelled = true;
    const LoadResult result = loadModelFromFile(path.string(), {}, &control);
    EXPECT_TRUE(result.cancelled);
    EXPECT_FALSE(result.model);
    EXPECT_TRUE(result.diagnostics.empty());
    EXPECT_FALSE(called);
    // The same control without the flag loads the file: nothing was left half done.
    control.cancelled = false;
    const LoadResult again = loadModelFromFile(path.string(), {}, &control);
    EXPECT_TRUE(again.model) << describe(again);
    EXPECT_FALSE(again.cancelled);
    EXPECT_TRUE(called);
}
