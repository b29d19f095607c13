// Every file in tests/data/fuzz-regressions/ once crashed, hung or blew up the loader (see
// docs/robustness.md for each). Loading must now give a prompt, orderly result: a model, or
// diagnostics that say why there is none, and never more than a readable number of them.
#include "core/loader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace rolescope;

TEST(FuzzRegressions, EveryFileLoadsOrIsRefusedWithReasons)
{
    int files = 0;
    for (const auto &entry : std::filesystem::directory_iterator(ROLESCOPE_TEST_DATA_DIR "/fuzz-regressions")) {
        SCOPED_TRACE(entry.path().filename().string());
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream bytes;
        bytes << in.rdbuf();
        for (const unsigned threads : {0u, 1u}) {
            LoadLimits limits;
            limits.parseThreads = threads;
            const LoadResult result = loadModelFromBytes(bytes.str(), limits);
            EXPECT_TRUE(result.model || !result.diagnostics.empty());
            EXPECT_LE(result.diagnostics.size(), 1001u);
        }
        ++files;
    }
    EXPECT_GE(files, 5);
}

namespace {

LoadResult loadRegression(const std::string &name)
{
    std::ifstream in(std::string(ROLESCOPE_TEST_DATA_DIR "/fuzz-regressions/") + name, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    return loadModelFromBytes(bytes.str());
}

bool hasCode(const LoadResult &result, std::string_view code)
{
    for (const Diagnostic &d : result.diagnostics) {
        if (d.code == code)
            return true;
    }
    return false;
}

} // namespace

// 64 MB of '[' took 15 GB and minutes: yaml-cpp reads a flow collection to its end first.
TEST(FuzzRegressions, UnclosedBracketsStopAtTheDepthLimit)
{
    const LoadResult result = loadRegression("open-brackets.yaml");
    ASSERT_EQ(result.diagnostics.size(), 1u);
    EXPECT_EQ(result.diagnostics[0].code, "nesting-too-deep");
    EXPECT_EQ(result.diagnostics[0].pos.line, 2);
    EXPECT_EQ(result.diagnostics[0].pos.column, 8 + 63);
}

// Closing brackets inside quotes must not hide the nesting from the check ahead of the parser.
TEST(FuzzRegressions, QuotedClosingBracketsDoNotHideNesting)
{
    EXPECT_TRUE(hasCode(loadRegression("brackets-closed-by-quotes.yaml"), "nesting-too-deep"));
}

// Two million roles with one id gave two million errors; validation now lists a thousand.
TEST(FuzzRegressions, ValidationProblemsAreCapped)
{
    for (const char *name : {"one-id-many-times.yaml", "unknown-managers.yaml"}) {
        const LoadResult result = loadRegression(name);
        EXPECT_EQ(result.diagnostics.size(), 1001u) << name;
        EXPECT_TRUE(hasCode(result, "too-many-diagnostics")) << name;
    }
}

// A million aliases or duplicate keys took seconds to parse only to list the first thousand:
// reading now stops at the thousandth problem, so the unknown manager above them is not reached
// by validation and every problem listed is one of the aliases.
TEST(FuzzRegressions, ReadingStopsAtTheThousandthProblem)
{
    const LoadResult result = loadRegression("many-aliases.yaml");
    ASSERT_EQ(result.diagnostics.size(), 1001u);
    EXPECT_FALSE(hasCode(result, "unknown-role"));
    EXPECT_EQ(result.diagnostics.back().code, "too-many-diagnostics");
}
