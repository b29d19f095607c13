// Every limit of docs/diagnostics.md at its boundary, and the generated hostile inputs of
// tests/fuzz/hostileinputs.h, each refused with its own diagnostic. Their times and memory at
// full size are measured by tests/fuzz/measure-hostile.sh (docs/robustness.md), not here.
#include "core/loader.h"
#include "tests/fuzz/hostileinputs.h"

#include "diagnosticsupport.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

using namespace rolescope;
using rolescope::testing::findCode;

namespace {

// Hostile inputs can produce a thousand diagnostics; failure messages show the first ones.
std::string describeFirst(const LoadResult &result)
{
    return rolescope::testing::describe(result, 20);
}

std::string rolesWithIds(int count, const std::string &suffix = {})
{
    std::string yaml = "organization: {name: X}\nroles:\n";
    for (int i = 0; i < count; ++i)
        yaml += "  - {id: r" + std::to_string(i) + ", title: T" + suffix + "}\n";
    return yaml;
}

// `depth` collections in all: the root mapping, the roles list and its first role, then
// nested lists under a key the format does not know (a warning, so the file still loads).
std::string nestedTo(int depth)
{
    return "organization: {name: X}\nroles:\n  - id: a\n    title: A\n    extra: " + std::string(depth - 3, '[')
           + std::string(depth - 3, ']') + "\n";
}

std::string repeatUnit(const std::string &unit, int count)
{
    std::string out;
    for (int i = 0; i < count; ++i)
        out += unit;
    return out;
}

} // namespace

class HostileInput : public ::testing::TestWithParam<hostile::HostileInput>
{
};

TEST_P(HostileInput, IsRefusedWithItsDiagnostic)
{
    const hostile::HostileInput &input = GetParam();
    const LoadResult result = loadModelFromBytes(input.make(input.testScale));
    EXPECT_FALSE(result.model);
    EXPECT_NE(findCode(result, input.expectedCode), nullptr) << describeFirst(result);
    // However many problems there are, the list stays readable (and its memory small).
    EXPECT_LE(result.diagnostics.size(), 1001u);
}

namespace {

std::vector<hostile::HostileInput> inputsSmallEnoughForTheSuite()
{
    std::vector<hostile::HostileInput> inputs;
    for (const hostile::HostileInput &input : hostile::hostileInputs()) {
        if (input.testScale > 0)
            inputs.push_back(input);
    }
    return inputs;
}

} // namespace

INSTANTIATE_TEST_SUITE_P(Generated, HostileInput, ::testing::ValuesIn(inputsSmallEnoughForTheSuite()),
                         [](const ::testing::TestParamInfo<hostile::HostileInput> &info) {
                             std::string name = info.param.name;
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

// ---- each limit at its boundary: the limit itself is allowed, one more is refused ----

TEST(LimitBoundaries, NestingDepth)
{
    LoadLimits limits;
    limits.maxNestingDepth = 8;
    EXPECT_TRUE(loadModelFromBytes(nestedTo(8), limits).model) << describeFirst(loadModelFromBytes(nestedTo(8), limits));
    const LoadResult result = loadModelFromBytes(nestedTo(9), limits);
    EXPECT_FALSE(result.model);
    const Diagnostic *d = findCode(result, "nesting-too-deep");
    ASSERT_NE(d, nullptr) << describeFirst(result);
    EXPECT_EQ(d->pos.line, 5);
    EXPECT_EQ(d->pos.column, 17); // the sixth '[' after "    extra: ", the ninth level
}

TEST(LimitBoundaries, DefaultNestingDepthIsSixtyFour)
{
    EXPECT_TRUE(loadModelFromBytes(nestedTo(64)).model);
    EXPECT_NE(findCode(loadModelFromBytes(nestedTo(65)), "nesting-too-deep"), nullptr);
}

TEST(LimitBoundaries, DeepBlockNestingIsFoundAtItsLine)
{
    std::string yaml = "organization: {name: X}\nroles:\n  - id: a\n    title: A\n    summary:\n";
    for (int level = 0; level < 100; ++level)
        yaml += std::string(6 + 2 * level, ' ') + "k:\n";
    const LoadResult result = loadModelFromBytes(yaml);
    const Diagnostic *d = findCode(result, "nesting-too-deep");
    ASSERT_NE(d, nullptr) << describeFirst(result);
    // Root, roles, role, then one mapping per "k:" line: the 62nd of those is the 65th level.
    EXPECT_EQ(d->pos.line, 5 + 62);
    EXPECT_FALSE(result.model);
}

TEST(LimitBoundaries, ScalarLength)
{
    LoadLimits limits;
    limits.maxScalarBytes = 100;
    const std::string head = "organization: {name: X}\nroles:\n  - id: a\n    title: ";
    EXPECT_TRUE(loadModelFromBytes(head + std::string(100, 'x') + "\n", limits).model);
    const LoadResult result = loadModelFromBytes(head + "'" + std::string(101, 'x') + "'\n", limits);
    const Diagnostic *d = findCode(result, "scalar-too-long");
    ASSERT_NE(d, nullptr) << describeFirst(result);
    EXPECT_EQ(d->pos.line, 4);
    EXPECT_EQ(d->pos.column, 12);
    EXPECT_FALSE(result.model);
}

TEST(LimitBoundaries, LongKeyIsALongScalarToo)
{
    LoadLimits limits;
    limits.maxScalarBytes = 100;
    const LoadResult result =
        loadModelFromBytes("organization: {name: X}\nroles: [{id: a, title: A}]\n" + std::string(200, 'k') + ": v\n",
                           limits);
    EXPECT_NE(findCode(result, "scalar-too-long"), nullptr) << describeFirst(result);
    EXPECT_FALSE(result.model);
}

TEST(LimitBoundaries, BlanksAfterALongValueDoNotCount)
{
    // The check before parsing measures a value as the parser will keep it.
    LoadLimits limits;
    limits.maxScalarBytes = 100;
    const std::string head = "organization: {name: X}\nroles:\n  - id: a\n    title: ";
    EXPECT_TRUE(loadModelFromBytes(head + std::string(100, 'x') + std::string(50, ' ') + "\n", limits).model);
    EXPECT_TRUE(loadModelFromBytes(head + std::string(60, 'x') + " # " + std::string(60, 'c') + "\n", limits).model);
    // Escapes shrink a double-quoted value, so the parser measures that one.
    EXPECT_TRUE(loadModelFromBytes(head + "\"" + repeatUnit("\\x41", 50) + "\"\n", limits).model);
}

TEST(LimitBoundaries, LineLength)
{
    LoadLimits limits;
    limits.maxLineBytes = 1000;
    const std::string head = "organization: {name: X}\nroles:\n  - id: a\n    title: A\n";
    std::string line = "    responsibilities: [d";
    while (line.size() < 1000)
        line += ", d";
    line.resize(1000);
    line.back() = ']';
    const LoadResult fits = loadModelFromBytes(head + line + "\n", limits);
    EXPECT_TRUE(fits.model) << describeFirst(fits);
    line.insert(line.size() - 1, "d");
    const LoadResult result = loadModelFromBytes(head + line + "\n", limits);
    const Diagnostic *d = findCode(result, "line-too-long");
    ASSERT_NE(d, nullptr) << describeFirst(result);
    EXPECT_EQ(d->pos.line, 5);
    EXPECT_EQ(d->pos.column, 1);
    EXPECT_FALSE(result.model);
}

TEST(LimitBoundaries, QuoteOpeningInABlockScalarIsNoUnclosedQuote)
{
    // Raw text cannot tell a block scalar's quote character from a quote: parsing can.
    std::string yaml = "organization: {name: X}\nroles:\n  - id: a\n    title: A\n    summary: |\n"
                       "      'Tis the season\n      to say \"hello\n";
    for (int i = 0; i < 20; ++i)
        yaml += "  - {id: r" + std::to_string(i) + ", title: T, reports_to: a}\n";
    const LoadResult result = loadModelFromBytes(yaml);
    EXPECT_TRUE(result.model) << describeFirst(result);
}

TEST(LimitBoundaries, UnclosedQuoteIsFoundWithoutReadingOn)
{
    std::string yaml = "organization: {name: X}\nroles:\n  - id: a\n    title: \"A\n";
    for (int i = 0; i < 20000; ++i)
        yaml += "  - {id: r" + std::to_string(i) + ", title: T}\n";
    const LoadResult result = loadModelFromBytes(yaml);
    const Diagnostic *d = findCode(result, "unclosed-quote");
    ASSERT_NE(d, nullptr) << describeFirst(result);
    EXPECT_EQ(d->pos.line, 4);
    EXPECT_EQ(d->pos.column, 12);
    EXPECT_EQ(result.diagnostics.size(), 1u) << describeFirst(result);
}

TEST(LimitBoundaries, NodeCount)
{
    // The root mapping and "organization: {name: X}" are 5 values, "roles:" and its list 2
    // more, each role 5 (its mapping, two keys, two values): 7 + 5 * 18 = 97.
    LoadLimits limits;
    limits.maxNodes = 100;
    EXPECT_TRUE(loadModelFromBytes(rolesWithIds(18), limits).model);
    const LoadResult result = loadModelFromBytes(rolesWithIds(19), limits);
    const Diagnostic *d = findCode(result, "too-many-nodes");
    ASSERT_NE(d, nullptr) << describeFirst(result);
    EXPECT_EQ(d->pos.line, 21); // the nineteenth role holds the 101st value
    EXPECT_FALSE(result.model);
}

TEST(LimitBoundaries, RoleCount)
{
    LoadLimits limits;
    limits.maxRoles = 10;
    EXPECT_TRUE(loadModelFromBytes(rolesWithIds(10), limits).model);
    const LoadResult result = loadModelFromBytes(rolesWithIds(11), limits);
    const Diagnostic *d = findCode(result, "too-many-roles");
    ASSERT_NE(d, nullptr) << describeFirst(result);
    EXPECT_EQ(d->pos.line, 13);
    EXPECT_FALSE(result.model);
}

TEST(LimitBoundaries, RoleCountOfALargeFileParsedInPieces)
{
    // More than 2 MB, so that the roles list is cut into pieces parsed on two threads.
    LoadLimits limits;
    limits.maxRoles = 1000;
    limits.parseThreads = 2;
    const LoadResult result = loadModelFromBytes(rolesWithIds(40000, std::string(40, 't')), limits);
    const Diagnostic *d = findCode(result, "too-many-roles");
    ASSERT_NE(d, nullptr) << describeFirst(result);
    EXPECT_EQ(d->pos.line, 1003);
    EXPECT_FALSE(result.model);
}

TEST(LimitBoundaries, ResponsibilitiesOfOneRole)
{
    std::string yaml = "organization: {name: X}\nroles:\n  - id: a\n    title: A\n    responsibilities:\n";
    for (int i = 0; i < 10000; ++i)
        yaml += "      - duty " + std::to_string(i) + "\n";
    EXPECT_TRUE(loadModelFromBytes(yaml).model); // the default limit is 10,000
    yaml += "      - one too many\n";
    const LoadResult result = loadModelFromBytes(yaml);
    const Diagnostic *d = findCode(result, "too-many-responsibilities");
    ASSERT_NE(d, nullptr) << describeFirst(result);
    EXPECT_EQ(d->pos.line, 6);
    EXPECT_EQ(d->pos.column, 7);
    EXPECT_FALSE(result.model);
}

TEST(LimitBoundaries, KeysOfOneMapping)
{
    LoadLimits limits;
    limits.maxKeysPerMapping = 20;
    std::string yaml = "organization: {name: X}\nroles:\n  - id: a\n    title: A\n";
    for (int i = 0; i < 18; ++i)
        yaml += "    key" + std::to_string(i) + ": v\n";
    const LoadResult fits = loadModelFromBytes(yaml, limits);
    EXPECT_TRUE(fits.model) << describeFirst(fits); // unknown keys are warnings
    yaml += "    one: too many\n"; // the 21st key, with id and title
    const LoadResult result = loadModelFromBytes(yaml, limits);
    const Diagnostic *d = findCode(result, "too-many-keys");
    ASSERT_NE(d, nullptr) << describeFirst(result);
    EXPECT_EQ(d->pos.line, 23);
    EXPECT_EQ(d->pos.column, 5);
    EXPECT_FALSE(result.model);
}

TEST(LimitBoundaries, FileSizeOfBytes)
{
    LoadLimits limits;
    const std::string yaml = rolesWithIds(1);
    limits.maxFileBytes = yaml.size();
    EXPECT_TRUE(loadModelFromBytes(yaml, limits).model);
    limits.maxFileBytes = yaml.size() - 1;
    const LoadResult result = loadModelFromBytes(yaml, limits);
    const Diagnostic *d = findCode(result, "file-too-large");
    ASSERT_NE(d, nullptr) << describeFirst(result);
    EXPECT_EQ(d->pos.line, 1);
    EXPECT_FALSE(result.readFailed); // the file was read; it is its content that is refused
}

TEST(LimitBoundaries, FileSizeIsCheckedBeforeReading)
{
    const std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("rolescope-hostile-" + std::to_string(::getpid()) + ".yaml");
    {
        std::ofstream out(path);
        out << rolesWithIds(1);
    }
    // A sparse file far beyond the limit: refused from its size alone, so nothing is read.
    std::filesystem::resize_file(path, 1ull << 40);
    LoadLimits limits;
    const LoadResult result = loadModelFromFile(path.string(), limits);
    std::filesystem::remove(path);
    const Diagnostic *d = findCode(result, "file-too-large");
    ASSERT_NE(d, nullptr) << describeFirst(result);
    EXPECT_NE(d->message.find("1099511627776 bytes"), std::string::npos) << d->message;
    EXPECT_FALSE(result.model);
}

TEST(LimitBoundaries, ProblemsAreListedUpToAThousand)
{
    // Two thousand roles that report to nobody: validation problems are capped like parse problems.
    std::string yaml = "organization: {name: X}\nroles:\n";
    for (int i = 0; i < 2000; ++i)
        yaml += "  - {id: r" + std::to_string(i) + ", title: T, reports_to: nobody}\n";
    const LoadResult result = loadModelFromBytes(yaml);
    EXPECT_EQ(result.diagnostics.size(), 1001u);
    EXPECT_NE(findCode(result, "too-many-diagnostics"), nullptr);
    EXPECT_NE(findCode(result, "unknown-role"), nullptr);
    EXPECT_FALSE(result.model);
}

TEST(LimitBoundaries, BadCharactersAreListedUpToFifty)
{
    const LoadResult result = loadModelFromBytes(rolesWithIds(1) + "# " + std::string(80, '\x01') + "\n");
    EXPECT_EQ(result.diagnostics.size(), 51u);
    const Diagnostic *d = findCode(result, "too-many-diagnostics");
    ASSERT_NE(d, nullptr) << describeFirst(result);
    EXPECT_NE(d->message.find("30 more"), std::string::npos) << d->message;
}

// ---- the depth check ahead of the parser must never refuse what the parser accepts ----

TEST(FlowDepthPrecheck, BracketsInBlockScalarsAndQuotesAreText)
{
    const std::string brackets(100, '[');
    const std::string yaml = "organization: {name: X}\nroles:\n  - id: a\n    title: \"" + brackets
                             + "\"\n    summary: |\n      " + brackets + "\n      " + brackets
                             + "\n    holders: ['" + brackets + "', \"" + brackets + "\"]\n# " + brackets + "\n";
    const LoadResult result = loadModelFromBytes(yaml);
    ASSERT_TRUE(result.model) << describeFirst(result);
    EXPECT_EQ(result.model->role(0).summary, brackets + "\n" + brackets + "\n");
}

TEST(FlowDepthPrecheck, DeepFlowAfterALargeFileIsFoundAtItsPlace)
{
    std::string yaml = rolesWithIds(1000) + "settings: " + std::string(100, '[') + std::string(100, ']') + "\n";
    const LoadResult result = loadModelFromBytes(yaml);
    const Diagnostic *d = findCode(result, "nesting-too-deep");
    ASSERT_NE(d, nullptr) << describeFirst(result);
    EXPECT_EQ(d->pos.line, 1003);
    EXPECT_EQ(d->pos.column, 11 + 63); // the 64th bracket is the 65th level, with the root mapping
    EXPECT_FALSE(result.model);
}

// ---- encodings that only look like text ----

TEST(BadEncodings, InvalidUtf8FormsAreEachFound)
{
    // Overlong '/', a UTF-8-encoded surrogate, a code point past U+10FFFF, a lone continuation
    // byte and a sequence cut short by the end of the file.
    for (const std::string bad : {"\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\x80", "\xE4\xB8"}) {
        const LoadResult result = loadModelFromBytes(rolesWithIds(1) + "# " + bad);
        const Diagnostic *d = findCode(result, "invalid-utf8");
        ASSERT_NE(d, nullptr) << describeFirst(result);
        EXPECT_EQ(d->pos.line, 4);
        EXPECT_EQ(d->pos.column, 3);
        EXPECT_FALSE(result.model);
    }
}

TEST(BadEncodings, BrokenUtf16IsRefused)
{
    std::string text = "\xFF\xFE";
    for (const char c : rolesWithIds(1))
        text += std::string{c, '\0'};
    EXPECT_TRUE(loadModelFromBytes(text).model);
    // A lone high surrogate, and an odd number of bytes.
    for (const std::string &bad : {text + std::string("\x00\xD8\x41\x00", 4), text + "#"}) {
        const LoadResult result = loadModelFromBytes(bad);
        EXPECT_NE(findCode(result, "invalid-encoding"), nullptr) << describeFirst(result);
        EXPECT_FALSE(result.model);
    }
}

TEST(BadEncodings, Utf16WithoutAByteOrderMarkIsNamedAsSuch)
{
    std::string text;
    for (const char c : rolesWithIds(1))
        text += std::string{c, '\0'};
    const LoadResult result = loadModelFromBytes(text);
    const Diagnostic *d = findCode(result, "nul-byte");
    ASSERT_NE(d, nullptr) << describeFirst(result);
    EXPECT_NE(d->message.find("UTF-16"), std::string::npos) << d->message;
    EXPECT_FALSE(result.model);
}
