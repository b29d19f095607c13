// rolescope-gen: writes a synthetic organisation of N roles as a Rolescope model and as the
// same tree for Graphviz and d3-hierarchy, so that tools can be timed on identical input.

#include "tests/bench/orggenerator.h"
#include "tests/bench/orgwriter.h"

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

namespace {

constexpr const char *Usage = R"(Usage: rolescope-gen N [--seed S] [-o OUT.yaml] [--dot OUT.dot]
                     [--csv OUT.csv] [--json OUT.json] [--stats]

Writes a realistic synthetic organisation of N roles: 3 to 12 reports per manager, 6 to 10
levels, departments with colours, 5 to 10 duties of about 60 characters per role from a
vocabulary of thousands of words, a few percent dotted lines. The same N and seed (default 1)
always give the same files.

  -o OUT.yaml     the Rolescope model (format v1); standard output when no file is named
  --dot OUT.dot   the reporting tree for Graphviz (boxes labelled with titles)
  --csv OUT.csv   id,parentId,title for d3.csvParse + d3.stratify
  --json OUT.json [{"id","parentId","title"}] for d3.stratify
  --stats         print the organisation's shape and vocabulary to standard error
)";

bool parseNumber(std::string_view text, auto &value)
{
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc() && end == text.data() + text.size();
}

int usageError(const std::string &message)
{
    std::fprintf(stderr, "rolescope-gen: %s\n\n%s", message.c_str(), Usage);
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    using namespace rolescope::bench;
    OrgOptions options;
    bool haveCount = false;
    bool stats = false;
    std::string yamlPath = "-";
    std::string dotPath, csvPath, jsonPath;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        const auto value = [&](std::string &out) {
            if (i + 1 >= argc)
                return false;
            out = argv[++i];
            return true;
        };
        std::string text;
        if (arg == "-h" || arg == "--help") {
            std::fputs(Usage, stdout);
            return 0;
        } else if (arg == "--seed") {
            if (!value(text) || !parseNumber(text, options.seed))
                return usageError("--seed needs a non-negative integer");
        } else if (arg == "-o" || arg == "--output") {
            if (!value(yamlPath))
                return usageError("-o needs a file name");
        } else if (arg == "--dot") {
            if (!value(dotPath))
                return usageError("--dot needs a file name");
        } else if (arg == "--csv") {
            if (!value(csvPath))
                return usageError("--csv needs a file name");
        } else if (arg == "--json") {
            if (!value(jsonPath))
                return usageError("--json needs a file name");
        } else if (arg == "--stats") {
            stats = true;
        } else if (!haveCount && parseNumber(arg, options.roles) && options.roles > 0) {
            haveCount = true;
        } else {
            return usageError("unexpected argument '" + std::string(arg) + "'");
        }
    }
    if (!haveCount)
        return usageError("the number of roles N (at least 1) is required");

    const rolescope::Model model = generateOrg(options);
    const struct
    {
        const std::string &path;
        void (*writer)(const rolescope::Model &, std::ostream &);
    } outputs[] = {{yamlPath, writeYaml}, {dotPath, writeDot}, {csvPath, writeCsv},
                   {jsonPath, writeJson}};
    for (const auto &output : outputs) {
        if (!output.path.empty() && !writeModelFile(model, output.path, output.writer)) {
            std::fprintf(stderr, "rolescope-gen: cannot write %s: %s\n", output.path.c_str(),
                         std::strerror(errno));
            return 3;
        }
    }
    if (stats) {
        const OrgStats s = measureOrg(model);
        std::fprintf(stderr,
                     "roles %d, levels %d, managers %d with %d to %d reports, departments %d,\n"
                     "dotted lines %d, vacant %d, duties %lld (%d to %d per role, mean %.1f "
                     "characters),\ndistinct duty words %zu (top 1%% of them: %.0f%% of all "
                     "words)\n",
                     s.roles, s.levels, s.managers, s.minReports, s.maxReports, s.departments,
                     s.dottedLines, s.vacant, s.duties, s.minDuties, s.maxDuties,
                     s.meanDutyLength, s.distinctWords, 100 * s.topWordShare);
    }
    return 0;
}
