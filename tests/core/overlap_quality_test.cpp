// Precision and recall of the overlap engine on the hand-labelled duty pairs in
// tests/data/overlap-pairs.yaml, at the default threshold. Each pair is scored with the word
// weights of the whole labelled set, the way a model's duties weigh each other in a real run.
#include "core/overlap.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <set>
#include <string>
#include <vector>

using namespace rolescope;

namespace {

struct LabelledPair
{
    std::string a;
    std::string b;
    bool same = false;
    std::string kind;
};

std::vector<LabelledPair> loadPairs()
{
    const YAML::Node root = YAML::LoadFile(ROLESCOPE_TEST_DATA_DIR "/overlap-pairs.yaml");
    std::vector<LabelledPair> pairs;
    for (const YAML::Node &node : root["pairs"]) {
        LabelledPair p;
        p.a = node["a"].as<std::string>();
        p.b = node["b"].as<std::string>();
        p.same = node["same"].as<bool>();
        if (node["kind"])
            p.kind = node["kind"].as<std::string>();
        pairs.push_back(std::move(p));
    }
    return pairs;
}

struct Counts
{
    int truePositives = 0;
    int falsePositives = 0;
    int falseNegatives = 0;
    int trueNegatives = 0;

    double precision() const
    {
        const int flagged = truePositives + falsePositives;
        return flagged == 0 ? 1.0 : static_cast<double>(truePositives) / flagged;
    }
    double recall() const
    {
        const int same = truePositives + falseNegatives;
        return same == 0 ? 1.0 : static_cast<double>(truePositives) / same;
    }
};

} // namespace

TEST(OverlapQuality, LabelledPairsMeetPrecisionAndRecallFloors)
{
    const std::vector<LabelledPair> pairs = loadPairs();
    ASSERT_GE(pairs.size(), 80u);

    std::set<std::string> distinct;
    for (const LabelledPair &p : pairs) {
        distinct.insert(p.a);
        distinct.insert(p.b);
    }
    const DutySimilarity similarity(std::vector<std::string>(distinct.begin(), distinct.end()));

    Counts counts;
    Counts sharedWords; // precision among the hard negatives alone, for the report
    std::string mistakes;
    for (const LabelledPair &p : pairs) {
        const DutySimilarity::Match m = similarity.compare(p.a, p.b);
        const bool flagged = m.score >= DefaultOverlapThreshold;
        if (flagged && p.same)
            ++counts.truePositives;
        else if (flagged && !p.same)
            ++counts.falsePositives;
        else if (!flagged && p.same)
            ++counts.falseNegatives;
        else
            ++counts.trueNegatives;
        if (p.kind == "shared-words")
            (flagged ? sharedWords.falsePositives : sharedWords.trueNegatives)++;
        if (flagged != p.same) {
            char line[64];
            std::snprintf(line, sizeof line, "%s %.3f  ", p.same ? "missed " : "wrongly", m.score);
            mistakes += line + p.a + "  |  " + p.b + "\n";
        }
    }
    std::printf("labelled pairs: %zu, precision %.3f, recall %.3f (tp %d, fp %d, fn %d, tn %d); "
                "shared-words negatives flagged: %d of %d\n%s",
                pairs.size(), counts.precision(), counts.recall(), counts.truePositives,
                counts.falsePositives, counts.falseNegatives, counts.trueNegatives,
                sharedWords.falsePositives, sharedWords.falsePositives + sharedWords.trueNegatives,
                mistakes.c_str());

    // The trade-off around the default, for docs/overlap.md.
    for (const double t : {0.3, 0.4, 0.5, 0.6, 0.7}) {
        Counts at;
        for (const LabelledPair &p : pairs) {
            const bool flagged = similarity.compare(p.a, p.b).score >= t;
            (flagged ? (p.same ? at.truePositives : at.falsePositives)
                     : (p.same ? at.falseNegatives : at.trueNegatives))++;
        }
        std::printf("threshold %.1f: precision %.3f, recall %.3f\n", t, at.precision(), at.recall());
    }

    EXPECT_GE(counts.precision(), 0.85);
    EXPECT_GE(counts.recall(), 0.75);
}
