// Measures the overlap engine on O*NET management occupations, text nobody on the project wrote:
//   rolescope_overlap_eval MODEL.yaml EXPECTED.yaml [--verbose] [THRESHOLD...]
// MODEL is a format-v1 model of the occupations' task statements; EXPECTED lists the task pairs
// O*NET's analysts linked to one Detailed Work Activity ("pairs"), a hand-judged subset that
// plainly states the same duty ("hand_judged_same_duty") and random pairs that share no work
// activity at all ("negative_samples"). Prints, per threshold, the recall on the first two and
// the fraction of the negatives flagged.
#include "core/loader.h"
#include "core/overlap.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

using namespace rolescope;

namespace {

struct ExpectedPair
{
    DutyRef a;
    DutyRef b;
    std::string textA;
    std::string textB;
};

class DutyLookup
{
public:
    explicit DutyLookup(const Model &model)
    {
        for (RoleIndex r = 0; r < model.roleCount(); ++r) {
            const auto &duties = model.role(r).responsibilities;
            for (size_t i = 0; i < duties.size(); ++i)
                m_refs.emplace(std::make_pair(model.role(r).id, duties[i].text),
                               DutyRef{r, static_cast<int>(i)});
        }
    }

    bool find(const YAML::Node &side, DutyRef &ref, std::string &text) const
    {
        text = side["task"].as<std::string>();
        auto it = m_refs.find({side["role"].as<std::string>(), text});
        if (it == m_refs.end())
            return false;
        ref = it->second;
        return true;
    }

private:
    std::map<std::pair<std::string, std::string>, DutyRef> m_refs;
};

std::vector<ExpectedPair> readPairs(const YAML::Node &list, const DutyLookup &lookup,
                                    const char *what)
{
    std::vector<ExpectedPair> pairs;
    int unknown = 0;
    for (const YAML::Node &node : list) {
        ExpectedPair p;
        if (!lookup.find(node["a"], p.a, p.textA) || !lookup.find(node["b"], p.b, p.textB)) {
            ++unknown;
            continue;
        }
        if (p.b < p.a) {
            std::swap(p.a, p.b);
            std::swap(p.textA, p.textB);
        }
        pairs.push_back(std::move(p));
    }
    if (unknown > 0)
        std::fprintf(stderr, "warning: %d %s pairs name tasks the model does not have\n", unknown,
                     what);
    return pairs;
}

} // namespace

int main(int argc, char **argv)
{
    std::vector<std::string> paths;
    std::vector<double> thresholds;
    bool verbose = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--verbose")
            verbose = true;
        else if (paths.size() < 2)
            paths.push_back(arg);
        else
            thresholds.push_back(std::atof(arg.c_str()));
    }
    if (paths.size() != 2) {
        std::fprintf(stderr, "usage: %s MODEL.yaml EXPECTED.yaml [--verbose] [THRESHOLD...]\n",
                     argv[0]);
        return 2;
    }
    if (thresholds.empty())
        thresholds = {0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6};
    std::sort(thresholds.begin(), thresholds.end());

    const LoadResult loaded = loadModelFromFile(paths[0]);
    if (!loaded.ok()) {
        std::fprintf(stderr, "%s: the model does not load\n", paths[0].c_str());
        return 1;
    }
    const Model &model = *loaded.model;
    YAML::Node expected;
    try {
        expected = YAML::LoadFile(paths[1]);
    } catch (const YAML::Exception &e) {
        std::fprintf(stderr, "%s: %s\n", paths[1].c_str(), e.what());
        return 1;
    }
    const DutyLookup lookup(model);
    const std::vector<ExpectedPair> hand
        = readPairs(expected["hand_judged_same_duty"]["pairs"], lookup, "hand-judged");
    const std::vector<ExpectedPair> dwa = readPairs(expected["pairs"], lookup, "DWA-linked");
    const std::vector<ExpectedPair> negative
        = readPairs(expected["negative_samples"]["pairs"], lookup, "negative");

    OverlapOptions options;
    options.minScore = thresholds.front();
    const OverlapResult result = findOverlaps(model, options);
    std::map<std::pair<DutyRef, DutyRef>, double> found;
    for (const DutyOverlap &o : result.overlaps)
        found[{o.a, o.b}] = o.score;
    auto scoreOf = [&](const ExpectedPair &p) {
        auto it = found.find({p.a, p.b});
        return it == found.end() ? 0.0 : it->second;
    };
    auto fractionAtLeast = [&](const std::vector<ExpectedPair> &pairs, double t) {
        int n = 0;
        for (const ExpectedPair &p : pairs)
            n += scoreOf(p) >= t ? 1 : 0;
        return pairs.empty() ? 0.0 : static_cast<double>(n) / static_cast<double>(pairs.size());
    };

    // Every duty's text: the corpus findOverlaps() takes its word statistics from.
    std::vector<std::string> corpus;
    for (const Role &r : model.roles) {
        for (const Responsibility &duty : r.responsibilities)
            corpus.push_back(duty.text);
    }
    std::printf("model: %d roles, %zu duties; hand-judged %zu, DWA-linked %zu, unrelated %zu\n",
                model.roleCount(), corpus.size(), hand.size(), dwa.size(), negative.size());
    std::printf("threshold  hand-judged recall  DWA-linked recall  unrelated flagged  "
                "pairs flagged\n");
    for (double t : thresholds) {
        const auto flagged = std::count_if(result.overlaps.begin(), result.overlaps.end(),
                                           [&](const DutyOverlap &o) { return o.score >= t; });
        std::printf("%9.2f  %18.3f  %17.3f  %17.3f  %13td\n", t, fractionAtLeast(hand, t),
                    fractionAtLeast(dwa, t), fractionAtLeast(negative, t), flagged);
    }
    if (verbose) {
        const double t = effectiveThreshold(model, {});
        // The pairs missed are not in the result, so they are scored one by one, with the same
        // corpus statistics findOverlaps() uses.
        const DutySimilarity similarity(corpus, model.overlapSettings.synonyms);
        std::printf("\nhand-judged pairs below %.2f:\n", t);
        for (const ExpectedPair &p : hand) {
            if (scoreOf(p) < t)
                std::printf("  %.3f  %s | %s\n", similarity.compare(p.textA, p.textB).score,
                            p.textA.c_str(), p.textB.c_str());
        }
        std::printf("\nunrelated pairs at or above %.2f:\n", t);
        for (const ExpectedPair &p : negative) {
            if (scoreOf(p) >= t)
                std::printf("  %.3f  %s | %s\n", scoreOf(p), p.textA.c_str(), p.textB.c_str());
        }
    }
    return 0;
}
