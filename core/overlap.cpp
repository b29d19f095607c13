#include "core/overlap.h"

#include "core/stringtable.h"
#include "core/textnormalizer.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <map>
#include <numeric>
#include <span>
#include <thread>
#include <tuple>
#include <unordered_map>

namespace rolescope {

namespace {

// How much a term counts by the part it plays in the duty (see TermRole).
float roleFactor(TermRole role)
{
    switch (role) {
    case TermRole::Object: return 1.0f;
    case TermRole::Activity: return 0.6f;
    case TermRole::Purpose: return 0.35f;
    case TermRole::Generic: return 0.15f;
    }
    return 1.0f;
}

// A phrase repeats the weight of its words; half of it again rewards words that stay together.
constexpr float PhraseFactor = 0.5f;

// Words found in many duties of the organisation count less.
float inverseFrequency(double documents, double frequency)
{
    return static_cast<float>(std::log(1.0 + documents / std::max(1.0, frequency)));
}

// Added to each duty's weight when computing what fraction of it is shared, so a duty of one or
// two words ("Manage sales") cannot be wholly "contained" in every duty that mentions sales.
// It is half the weight of an object word that two duties of the model share.
double shortDutyPrior(double documents)
{
    return 0.5 * inverseFrequency(documents, 2.0);
}

struct WeightedTerm
{
    int id = 0; // ascending id = the order vectors are sorted in
    float weight = 0;
    bool generic = false;
    // What the term is in this duty, for namesWork().
    bool scope = false;  // TextTerm::scope
    bool head = false;   // TextTerm::head
    bool party = false;  // TextTerm::party
    bool object = false; // TermRole::Object or Purpose
};

struct TermVector
{
    std::span<const WeightedTerm> terms; // sorted by id
    double total = 0;
    bool hasContent = false; // at least one non-generic term
};

struct PairScore
{
    double score = 0;
    bool contentShared = false; // a shared term namesWork()
};

// Fraction of each duty's weight that the other duty shares, combined so that a short duty
// wholly contained in a longer one still scores well, while a few shared words in two long
// duties do not. Both fractions are needed: score <= max(shareA, shareB), which is what the
// prefix filter relies on.
double combineShares(double shareA, double shareB)
{
    const double high = std::max(shareA, shareB);
    const double low = std::min(shareA, shareB);
    return 0.3 * std::sqrt(high * low) + 0.7 * high;
}

// Whether a term two duties share can make them an overlap: not a generic word, not the place
// or rule either duty is done in, and not only a verb both open a duty or a purpose with ("Find
// and qualify new customers" / "Find and qualify new suppliers", "Confer ... to develop
// internal communications" / "Plan ... labor relations activities"). A noun of a verb class
// after the verbs ("Manage recruitment") names the work as an object does. People the work is
// done for or with name it only together with what is done (see SharedWork).
bool namesWork(const WeightedTerm &x, const WeightedTerm &y)
{
    if (x.generic || x.scope || y.scope)
        return false;
    return (x.object && !x.head) || (y.object && !y.head) || (!x.head && !y.head);
}

// What the shared terms of two duties say about whether they do the same work.
struct SharedWork
{
    bool work = false;     // a shared term names work, and not only whom it is done for
    bool party = false;    // a shared term names whom it is done for or with
    bool activity = false; // a shared verb (class) that is the activity of both
    void add(const WeightedTerm &x, const WeightedTerm &y)
    {
        if (namesWork(x, y))
            (x.party || y.party ? party : work) = true;
        activity = activity
                   || (!x.generic && !x.scope && !y.scope && !x.object && !y.object);
    }
    // "Recruit staff" and "Hire employees" do the same work; "Recruit staff" and "Train
    // staff", or "Confer with project personnel" and "Recruit project personnel", do not.
    bool shared() const { return work || (party && activity); }
};

// What namesWork() needs to know of a term in its duty, set alike by DutySimilarity and the
// finder so that both score the same.
void setPlaceInDuty(WeightedTerm &w, TermRole role, bool scope, bool head, bool party)
{
    w.scope = scope;
    w.head = head;
    w.party = party;
    w.object = role == TermRole::Object || role == TermRole::Purpose;
}

PairScore scoreVectors(const TermVector &x, const TermVector &y, double prior)
{
    double sharedX = 0;
    double sharedY = 0;
    SharedWork work;
    size_t i = 0;
    size_t j = 0;
    while (i < x.terms.size() && j < y.terms.size()) {
        if (x.terms[i].id < y.terms[j].id) {
            ++i;
        } else if (y.terms[j].id < x.terms[i].id) {
            ++j;
        } else {
            sharedX += x.terms[i].weight;
            sharedY += y.terms[j].weight;
            work.add(x.terms[i], y.terms[j]);
            ++i;
            ++j;
        }
    }
    PairScore result;
    result.contentShared = work.shared();
    if (!result.contentShared || x.total <= 0 || y.total <= 0)
        return result;
    result.score = std::clamp(combineShares(sharedX / (x.total + prior),
                                            sharedY / (y.total + prior)),
                              0.0, 1.0);
    return result;
}

// A bloom filter of a tail of terms in one word: two tails whose signatures share no bit share
// no term. This is the bit of term ID.
int tailBit(int id)
{
    return static_cast<int>((static_cast<std::uint32_t>(id) * 0x9E3779B1u) >> 26);
}

// For each term of v, the share of v (its weight plus the prior) that this term and the ones after
// it make together, a little high so that rounding never makes it a bound too low.
void reachOf(const TermVector &v, double prior, std::vector<float> &reach)
{
    reach.resize(v.terms.size());
    double rest = 0;
    for (size_t i = v.terms.size(); i-- > 0;) {
        rest += v.terms[i].weight;
        reach[i] = static_cast<float>(rest / (v.total + prior) * (1 + 1e-6));
    }
}

// The threads parallelBlocks() uses for blockCount blocks: one per core, at most four.
size_t workerCount(size_t blockCount)
{
    return std::min<size_t>(std::clamp(std::thread::hardware_concurrency(), 1u, 4u),
                            std::max<size_t>(blockCount, 1));
}

// Runs work(worker, nextBlock) on this thread (worker 0) and on workerCount() - 1 more; each
// takes the next block number from nextBlock(block) until it returns false, which it does
// early once CANCELLED is set. TAKEN hears the fraction of the blocks handed out so far.
template<typename Work>
void parallelBlocks(size_t blockCount, const std::atomic<bool> *cancelled,
                    const std::function<void(double)> &taken, Work work)
{
    std::atomic<size_t> next = 0;
    auto nextBlock = [&](size_t &block) {
        block = next.fetch_add(1);
        if (block >= blockCount || (cancelled && cancelled->load(std::memory_order_relaxed)))
            return false;
        taken(static_cast<double>(block) / static_cast<double>(blockCount));
        return true;
    };
    std::vector<std::thread> helpers;
    for (size_t worker = 1; worker < workerCount(blockCount); ++worker)
        helpers.emplace_back([&, worker] { work(worker, nextBlock); });
    work(size_t(0), nextBlock);
    for (std::thread &helper : helpers)
        helper.join();
}

bool isSynonymKey(const TextTerm &t)
{
    return !t.key.empty()
           && (t.key[0] == '~' || t.key[0] == '%' || t.key[0] == '='
               || t.key.find('|') != std::string::npos);
}

bool containsWord(std::string_view phrase, std::string_view word)
{
    size_t pos = 0;
    while ((pos = phrase.find(word, pos)) != std::string_view::npos) {
        const bool startOk = pos == 0 || phrase[pos - 1] == ' ';
        const size_t end = pos + word.size();
        const bool endOk = end == phrase.size() || phrase[end] == ' ';
        if (startOk && endOk)
            return true;
        pos = end;
    }
    return false;
}

// A duty's content terms as explaining a match needs them. Keys are hashed, so that explaining a
// pair compares numbers and confirms only the few equal ones: the whole analysis of a large model
// explains millions of pairs. The strings are packed in one, since that analysis holds the terms
// of every wording it explains at once (as TextTerms, 830 MB of the 1.7 GB held at 100,000
// roles). Generic terms are left out: they never make a match.
class ExplainedTerms
{
public:
    struct Term
    {
        std::uint64_t keyHash = 0;
        // The key, the surface and the stem lie back to back in the packed text.
        std::uint32_t keyBegin = 0;
        std::uint32_t surfaceBegin = 0;
        std::uint32_t stemBegin = 0;
        std::uint32_t stemEnd = 0;
        bool phrase = false;
        // From a synonym group or a verb class: the stems tell apart the words it joins, and
        // only such terms keep theirs.
        bool synonymKey = false;
    };
    // Pairs of equal terms of two duties: scratch space for explain().
    using SharedTerms = std::vector<std::pair<const Term *, const Term *>>;

    ExplainedTerms() = default;
    explicit ExplainedTerms(const std::vector<TextTerm> &termsOfDuty)
    {
        size_t termCount = 0;
        size_t textSize = 0;
        for (const TextTerm &t : termsOfDuty) {
            if (t.role == TermRole::Generic)
                continue;
            ++termCount;
            textSize += t.key.size() + t.surface.size() + (isSynonymKey(t) ? t.stem.size() : 0);
        }
        m_terms.reserve(termCount);
        m_text.reserve(textSize);
        auto append = [&](const std::string &part) {
            m_text += part;
            return static_cast<std::uint32_t>(m_text.size());
        };
        for (const TextTerm &t : termsOfDuty) {
            if (t.role == TermRole::Generic)
                continue;
            Term &term = m_terms.emplace_back();
            term.keyHash = std::hash<std::string>{}(t.key);
            term.phrase = t.phrase;
            term.synonymKey = isSynonymKey(t);
            term.keyBegin = static_cast<std::uint32_t>(m_text.size());
            term.surfaceBegin = append(t.key);
            term.stemBegin = append(t.surface);
            term.stemEnd = term.synonymKey ? append(t.stem) : term.stemBegin;
        }
    }

    const std::vector<Term> &terms() const { return m_terms; }
    std::string_view key(const Term &t) const { return part(t.keyBegin, t.surfaceBegin); }
    std::string_view surface(const Term &t) const { return part(t.surfaceBegin, t.stemBegin); }
    std::string_view stem(const Term &t) const { return part(t.stemBegin, t.stemEnd); }

private:
    std::string_view part(std::uint32_t begin, std::uint32_t end) const
    {
        return std::string_view(m_text).substr(begin, end - begin);
    }

    std::vector<Term> m_terms;
    std::string m_text;
};

// The shared terms in a's words, phrases first covering their own words, and why they match.
// SHARED is scratch space, kept by the caller so that a pair allocates only its own terms.
void explain(const ExplainedTerms &a, const ExplainedTerms &b, std::vector<std::string> &terms,
             MatchReason &reason, ExplainedTerms::SharedTerms &shared)
{
    // A duty has a dozen terms or so: a linear search beats building a hash table per pair. A
    // duty's keys are distinct (the normaliser merges a word said twice).
    shared.clear();
    for (const ExplainedTerms::Term &t : a.terms()) {
        for (const ExplainedTerms::Term &u : b.terms()) {
            if (u.keyHash == t.keyHash && b.key(u) == a.key(t)) {
                shared.emplace_back(&t, &u);
                break;
            }
        }
    }
    bool synonym = false;
    terms.clear();
    for (const auto &[ta, tb] : shared) {
        if (!ta->phrase) {
            const bool covered = std::any_of(shared.begin(), shared.end(), [&](const auto &p) {
                return p.first->phrase && containsWord(a.surface(*p.first), a.surface(*ta));
            });
            if (covered)
                continue;
        }
        if (ta->synonymKey && a.stem(*ta) != b.stem(*tb)) {
            synonym = true;
            std::string joined(a.surface(*ta));
            joined += " ~ ";
            joined += b.surface(*tb);
            terms.push_back(std::move(joined));
        } else {
            terms.emplace_back(a.surface(*ta));
        }
    }
    reason = synonym ? MatchReason::Synonym : MatchReason::SharedTerms;
}

// Term ids in the order candidate generation wants them: rare content terms first, common
// ones later, generic ones last, so the rare ones land in the indexed prefixes.
struct Vocabulary
{
    StringTable<int> idOf;
    std::vector<const std::string *> key;
    std::vector<int> frequency;
    std::vector<bool> generic;
    std::vector<bool> phrase;

    int intern(const std::string &termKey, bool isGeneric, bool isPhrase)
    {
        if (const int *id = idOf.find(termKey))
            return *id;
        const int id = static_cast<int>(frequency.size());
        key.push_back(&idOf.insert(termKey, id).key);
        frequency.push_back(0);
        generic.push_back(isGeneric);
        phrase.push_back(isPhrase);
        return id;
    }
};

// Numbers keys in the order they are first met, through a flat table of their 64-bit hashes,
// at most half full and probed linearly: two keys are compared only where their hashes are equal.
class FirstSeenNumbering
{
public:
    explicit FirstSeenNumbering(size_t maxKeys)
    {
        size_t size = 64;
        while (size < 2 * maxKeys)
            size *= 2;
        m_slots.resize(size);
    }

    // The number of the first key met that equals this one (SAME(number) says whether that
    // key does), or else the next number, which is this key's from now on.
    template<typename Same>
    int number(std::uint64_t hash, Same same)
    {
        const size_t mask = m_slots.size() - 1;
        size_t slot = hash & mask;
        while (m_slots[slot].number >= 0
               && !(m_slots[slot].hash == hash && same(m_slots[slot].number)))
            slot = (slot + 1) & mask;
        if (m_slots[slot].number < 0)
            m_slots[slot] = {hash, m_count++};
        return m_slots[slot].number;
    }

private:
    struct Slot
    {
        std::uint64_t hash = 0;
        int number = -1; // -1: empty
    };
    std::vector<Slot> m_slots;
    int m_count = 0;
};

// An occurrence's role and place in its duty, in one byte: with its term and emphasis, what
// tells one wording's group from another's, and what OverlapOptions::preparedDuties keeps.
enum OccurrenceFlag : std::uint8_t {
    RoleBits = 3, // the TermRole
    ScopeOccurrence = 4,
    HeadOccurrence = 8,
    PartyOccurrence = 16,
    OccurrenceFlagBits = RoleBits | ScopeOccurrence | HeadOccurrence | PartyOccurrence,
};

struct Occurrence
{
    int id = 0;
    TermRole role = TermRole::Object;
    float emphasis = 1.0f;
    bool scope = false;
    bool head = false;
    bool party = false;

    std::uint8_t flags() const
    {
        return static_cast<std::uint8_t>(static_cast<int>(role) | (scope ? ScopeOccurrence : 0)
                                          | (head ? HeadOccurrence : 0)
                                          | (party ? PartyOccurrence : 0));
    }
    static Occurrence withFlags(int id, float emphasis, std::uint8_t flags)
    {
        return {id, static_cast<TermRole>(flags & RoleBits), emphasis,
                (flags & ScopeOccurrence) != 0, (flags & HeadOccurrence) != 0,
                (flags & PartyOccurrence) != 0};
    }
};

// Overlaps and role pairs alike: highest score first, ties in model order.
const auto byScoreThenModelOrder = [](const auto &p, const auto &q) {
    if (p.score != q.score)
        return p.score > q.score;
    if (p.a != q.a)
        return p.a < q.a;
    return p.b < q.b;
};

// The two duties of an overlap, which is all a role pair is counted from.
struct RoleLink
{
    explicit RoleLink(const DutyOverlap &o)
        : a(o.a.role)
        , b(o.b.role)
        , dutyA(o.a.index)
        , dutyB(o.b.index)
    {}

    RoleIndex a;
    RoleIndex b;
    int dutyA;
    int dutyB;
};

// The role pairs of the overlaps LINKS, in the order of byScoreThenModelOrder.
std::vector<RolePairOverlap> rolePairsOf(const Model &model, std::vector<RoleLink> links)
{
    // Sorted by their two roles, one run of links per pair.
    std::sort(links.begin(), links.end(), [](const RoleLink &p, const RoleLink &q) {
        return std::tie(p.a, p.b, p.dutyA, p.dutyB) < std::tie(q.a, q.b, q.dutyA, q.dutyB);
    });
    // Looked up by role pair, the roles' records are read from all over memory, a cache miss
    // each; with more pairs than roles, their duty counts are read once, in role order.
    std::vector<double> dutyCount;
    if (links.size() > static_cast<size_t>(model.roleCount())) {
        for (const Role &role : model.roles)
            dutyCount.push_back(static_cast<double>(role.responsibilities.size()));
    }
    auto dutiesOf = [&](RoleIndex role) {
        return dutyCount.empty() ? static_cast<double>(model.role(role).responsibilities.size())
                                 : dutyCount[role];
    };
    std::vector<RolePairOverlap> pairs;
    pairs.reserve(links.size());
    std::vector<int> dutiesB;
    for (size_t begin = 0; begin < links.size();) {
        size_t end = begin;
        RolePairOverlap p;
        p.a = links[begin].a;
        p.b = links[begin].b;
        dutiesB.clear();
        for (; end < links.size() && links[end].a == p.a && links[end].b == p.b; ++end) {
            if (end == begin || links[end].dutyA != links[end - 1].dutyA)
                ++p.matchedA;
            dutiesB.push_back(links[end].dutyB);
        }
        std::sort(dutiesB.begin(), dutiesB.end());
        p.matchedB = static_cast<int>(std::unique(dutiesB.begin(), dutiesB.end()) - dutiesB.begin());
        const double sizeA = dutiesOf(p.a);
        const double sizeB = dutiesOf(p.b);
        p.coverageA = p.matchedA / sizeA;
        p.coverageB = p.matchedB / sizeB;
        p.score = (p.matchedA + p.matchedB) / (sizeA + sizeB);
        p.shared = static_cast<int>(end - begin);
        pairs.push_back(p);
        begin = end;
    }
    std::sort(pairs.begin(), pairs.end(), byScoreThenModelOrder);
    return pairs;
}

// The score of each of ROLECOUNT roles against ROLE in role pairs PAIRS (0 where none).
std::vector<double> scoresAgainstIn(std::span<const RolePairOverlap> pairs, RoleIndex role,
                                    int roleCount)
{
    std::vector<double> scores(static_cast<size_t>(std::max(roleCount, 0)), 0.0);
    for (const RolePairOverlap &pair : pairs) {
        if (pair.a == role)
            scores[static_cast<size_t>(pair.b)] = pair.score;
        else if (pair.b == role)
            scores[static_cast<size_t>(pair.a)] = pair.score;
    }
    return scores;
}

} // namespace

MatchedTerms::MatchedTerms(const std::vector<std::string> &terms)
{
    if (terms.empty())
        return;
    size_t characters = 0;
    for (const std::string &term : terms)
        characters += term.size();
    const size_t header = 1 + terms.size();
    auto block = std::make_shared<std::uint32_t[]>(header + (characters + 3) / 4);
    block[0] = static_cast<std::uint32_t>(terms.size());
    char *text = reinterpret_cast<char *>(block.get() + header);
    std::uint32_t end = 0;
    for (size_t i = 0; i < terms.size(); ++i) {
        std::memcpy(text + end, terms[i].data(), terms[i].size());
        end += static_cast<std::uint32_t>(terms[i].size());
        block[1 + i] = end;
    }
    m_block = std::move(block);
}

std::string_view MatchedTerms::operator[](size_t i) const
{
    const std::uint32_t *block = m_block.get();
    const char *text = reinterpret_cast<const char *>(block + 1 + block[0]);
    const std::uint32_t begin = i == 0 ? 0 : block[i];
    return {text + begin, block[1 + i] - begin};
}

bool MatchedTerms::operator==(const MatchedTerms &other) const
{
    return size() == other.size() && std::equal(begin(), end(), other.begin());
}

bool MatchedTerms::operator==(const std::vector<std::string> &other) const
{
    return size() == other.size() && std::equal(begin(), end(), other.begin());
}

// --- DutySimilarity ---------------------------------------------------------------------------

struct DutySimilarity::Private
{
    mutable TextNormalizer normalizer;
    std::unordered_map<std::string, int> frequency;
    double documents = 0;

    explicit Private(const std::vector<std::vector<std::string>> &synonyms)
        : normalizer(synonyms)
    {}

    TermVector vectorOf(const std::vector<TextTerm> &terms,
                        std::unordered_map<std::string_view, int> &ids,
                        std::vector<WeightedTerm> &storage) const
    {
        TermVector v;
        for (const TextTerm &t : terms) {
            auto f = frequency.find(t.key);
            const double df = f == frequency.end() ? 1.0 : f->second;
            const auto [it, inserted] = ids.emplace(t.key, static_cast<int>(ids.size()));
            WeightedTerm w;
            w.id = it->second;
            w.weight = inverseFrequency(documents, df) * roleFactor(t.role) * t.emphasis
                       * (t.phrase ? PhraseFactor : 1.0f);
            w.generic = t.role == TermRole::Generic;
            setPlaceInDuty(w, t.role, t.scope, t.head, t.party);
            v.total += w.weight;
            v.hasContent = v.hasContent || !w.generic;
            storage.push_back(w);
        }
        std::sort(storage.begin(), storage.end(),
                  [](const WeightedTerm &p, const WeightedTerm &q) { return p.id < q.id; });
        v.terms = storage;
        return v;
    }
};

DutySimilarity::DutySimilarity(const std::vector<std::string> &corpus,
                               const std::vector<std::vector<std::string>> &synonyms)
    : d(std::make_unique<Private>(synonyms))
{
    for (const std::string &text : corpus) {
        for (const TextTerm &t : d->normalizer.terms(text))
            ++d->frequency[t.key];
    }
    d->documents = std::max<double>(1.0, static_cast<double>(corpus.size()));
}

DutySimilarity::~DutySimilarity() = default;

DutySimilarity::Match DutySimilarity::compare(std::string_view a, std::string_view b) const
{
    const std::vector<TextTerm> termsA = d->normalizer.terms(a);
    const std::vector<TextTerm> termsB = d->normalizer.terms(b);
    std::unordered_map<std::string_view, int> ids;
    std::vector<WeightedTerm> storageA;
    std::vector<WeightedTerm> storageB;
    const TermVector va = d->vectorOf(termsA, ids, storageA);
    const TermVector vb = d->vectorOf(termsB, ids, storageB);
    Match match;
    match.score = scoreVectors(va, vb, shortDutyPrior(d->documents)).score;
    ExplainedTerms::SharedTerms shared;
    explain(ExplainedTerms(termsA), ExplainedTerms(termsB), match.terms, match.reason, shared);
    return match;
}

// --- findOverlaps -----------------------------------------------------------------------------

double effectiveThreshold(const Model &model, const OverlapOptions &options)
{
    if (options.minScore)
        return *options.minScore;
    return model.overlapSettings.threshold.value_or(DefaultOverlapThreshold);
}

namespace {

class OverlapFinder
{
public:
    OverlapFinder(const Model &model, const OverlapOptions &options)
        : m_model(model)
        , m_options(options)
        , m_normalizer(model.overlapSettings.synonyms)
    {
        m_result.threshold = effectiveThreshold(model, options);
    }

    OverlapResult run()
    {
        letIndexGo();
        if (!prepare())
            return emptyResult();
        return query();
    }

    // Normalises, weighs and indexes every duty; false when cancelled. Progress runs to
    // PrepareShare of the whole work, or, building an index on its own (ALONE), to the end.
    bool prepare(bool alone = false)
    {
        static constexpr Phase phases[] = {
            {&OverlapFinder::collectDuties, 0.0},
            {&OverlapFinder::buildGroups, 0.17},
            {&OverlapFinder::weighGroups, 0.015},
            {&OverlapFinder::buildIndex, 0.04},
        };
        m_phaseBegin = 0;
        m_progressScale = alone ? 1 / PrepareShare : 1;
        runPhases(phases);
        m_progressScale = 1;
        return !isCancelled();
    }

    // The overlaps that involve options.roles (all of them when there are none), from what
    // prepare() made; it may be asked again for other roles.
    OverlapResult query()
    {
        static constexpr Phase phases[] = {
            {&OverlapFinder::findGroupPairs, 0.45},
            {&OverlapFinder::markGenericGroups, 0.02},
            {&OverlapFinder::emitTextPairs, 0.2},
            {&OverlapFinder::emitTagPairs, 0.005},
            {&OverlapFinder::finish, 0.1},
        };
        m_result = emptyResult();
        m_groupPairs.clear();
        for (Group &group : m_groups) {
            group.matches = 0;
            group.generic = false;
        }
        markFocus();
        m_phaseBegin = PrepareShare;
        runPhases(phases);
        if (isCancelled())
            return emptyResult();
        reportProgress(1);
        return std::move(m_result);
    }

    OverlapOptions &options() { return m_options; }
    // For the last query: the index is freed as soon as its pairs are found, before the
    // overlaps are made.
    void letIndexGo() { m_keepIndex = false; }
    // No overlaps, at this finder's threshold.
    OverlapResult emptyResult() const { return OverlapResult{m_result.threshold, {}, {}, {}}; }

private:
    // Each phase with its share of the time, as measured at 100,000 roles.
    struct Phase
    {
        void (OverlapFinder::*run)();
        double share;
    };
    // The sum of the shares of prepare()'s phases, where query()'s progress starts.
    static constexpr double PrepareShare = 0.225;
    void runPhases(std::span<const Phase> phases)
    {
        for (const Phase &phase : phases) {
            if (isCancelled())
                break;
            m_phaseShare = phase.share;
            (this->*phase.run)();
            m_phaseBegin += phase.share;
            reportProgress(m_phaseBegin);
        }
    }

    // A phase whose blocks were cut short by cancelling leaves its results incomplete: it
    // stops there, and run() returns nothing.
    bool isCancelled() const { return m_options.cancelled && *m_options.cancelled; }
    // Whether only what involves options.roles is wanted.
    bool focused() const { return !m_options.roles.empty(); }
    // Whether the overlap of two duties is wanted: with focus roles, one of them is theirs.
    bool wanted(const DutyRef &a, const DutyRef &b) const
    {
        return !focused() || m_focusRole[a.role] || m_focusRole[b.role];
    }

    // Raises options.progress to FRACTION of the whole work (threads may report out of order).
    void reportProgress(double fraction) const
    {
        if (!m_options.progress)
            return;
        const int permille
            = std::clamp(static_cast<int>(fraction * m_progressScale * 1000), 0, 1000);
        int seen = m_options.progress->load(std::memory_order_relaxed);
        while (seen < permille
               && !m_options.progress->compare_exchange_weak(seen, permille,
                                                             std::memory_order_relaxed)) {
        }
    }
    // For parallelBlocks(): the blocks handed out carry the phase from FROM to TO of its share.
    std::function<void(double)> phaseProgress(double from, double to) const
    {
        return [this, from, to](double taken) {
            reportProgress(m_phaseBegin + m_phaseShare * (from + (to - from) * taken));
        };
    }

    struct Group
    {
        std::vector<int> duties; // flat duty ids
        std::string_view text;   // the first wording
        TermVector vector;
        int roleCount = 0;
        int matches = 0;         // other groups it matches
        bool generic = false;
    };
    struct GroupPair
    {
        int a = 0;
        int b = 0;
        double score = 0;
    };

    void collectDuties();
    void buildGroups();
    void groupDuties();
    std::uint64_t dutiesFingerprint(const std::vector<std::uint64_t> &dutyHashes) const;
    bool readPreparedDuties(std::uint64_t fingerprint);
    std::string preparedDuties(std::uint64_t fingerprint) const;
    void weighGroups();
    void buildIndex();
    void markFocus();
    void findGroupPairs();
    void markGenericGroups();
    void emitTextPairs();
    void emitTagPairs();
    void finish();

    void normaliseGroups(const std::vector<bool> &needed);

    const Model &m_model;
    OverlapOptions m_options; // a copy: an OverlapIndex outlives the options it was made with
    double m_phaseBegin = 0; // of the whole work, for progress
    double m_progressScale = 1; // of the fractions reported, see prepare()
    double m_phaseShare = 0;
    TextNormalizer m_normalizer;
    OverlapResult m_result;

    std::vector<DutyRef> m_duties;           // flat, model order
    std::vector<int> m_groupOfDuty;
    std::vector<Group> m_groups;
    std::vector<std::vector<Occurrence>> m_groupTerms; // before weighing
    Vocabulary m_vocabulary;
    std::vector<GroupPair> m_groupPairs;
    std::vector<int> m_rank; // vocabulary id -> position in the term order
    std::vector<float> m_inverseFrequency; // by vocabulary id
    std::vector<WeightedTerm> m_termStore; // the groups' term vectors, one after the other
    std::vector<ExplainedTerms> m_groupText; // the terms of the groups explained
    // What scoring a candidate needs of its group, in one place for the memory cache. The
    // indexed terms of the prefix are those before the tail; the tail (common and generic
    // terms included) is what candidate generation leaves to scoring.
    struct Probe
    {
        std::span<const WeightedTerm> tail;
        double base = 0; // total weight plus the prior
        std::uint64_t tailSignature = 0; // the tailBit() of each tail term set
    };
    struct Posting
    {
        int group;
        float weight;
        float reach;  // the most of its group's share that this and the later terms can make
        float needed; // the weight its group must share to reach t, rounded down
        std::uint64_t tailSignature; // its group's
        std::uint64_t restSignature; // the tailBit() of this and every later term of its group
    };
    // The inverted index findGroupPairs() reads, made by buildIndex() (see there).
    struct Index
    {
        double t = 0;
        double prior = 0;
        std::vector<bool> indexed; // by term id
        std::vector<Probe> probes; // by group
        std::vector<float> weightCeiling; // by term id
        // Two posting lists per term, in group order: groups holding it in their prefix, and
        // groups holding it after their prefix. Flat arrays with offsets per term.
        std::vector<size_t> prefixBegin;
        std::vector<size_t> tailBegin;
        std::vector<Posting> prefixPostings;
        std::vector<Posting> tailPostings;
    };
    Index m_index;
    bool m_keepIndex = true; // for more queries
    // With focus roles (options.roles): by role, whether it is one; by group, whether it holds
    // a duty of one, and whether it met every other group (its matches are all known).
    std::vector<bool> m_focusRole;
    std::vector<bool> m_focusGroup;
    std::vector<bool> m_probed;
};

void OverlapFinder::collectDuties()
{
    for (RoleIndex r = 0; r < m_model.roleCount(); ++r) {
        const auto &duties = m_model.role(r).responsibilities;
        for (size_t i = 0; i < duties.size(); ++i)
            m_duties.push_back({r, static_cast<int>(i)});
    }
}

void OverlapFinder::buildGroups()
{
    // Identical wordings are normalised once; identical normalised term sets form one group.
    // The wordings' hashes are made on all threads; the distinct ones are then numbered in
    // model order.
    std::vector<std::string_view> dutyTexts(m_duties.size());
    for (size_t i = 0; i < m_duties.size(); ++i)
        dutyTexts[i] = m_model.role(m_duties[i].role).responsibilities[m_duties[i].index].text;
    std::vector<std::uint64_t> dutyHashes(m_duties.size());
    constexpr size_t HashBlockSize = 16384;
    parallelBlocks((m_duties.size() + HashBlockSize - 1) / HashBlockSize, m_options.cancelled,
                   phaseProgress(0, 0), [&](size_t, auto nextBlock) {
        for (size_t block; nextBlock(block);) {
            const size_t end = std::min(m_duties.size(), (block + 1) * HashBlockSize);
            for (size_t i = block * HashBlockSize; i < end; ++i)
                dutyHashes[i] = std::hash<std::string_view>{}(dutyTexts[i]);
        }
    });
    if (isCancelled())
        return;
    const std::uint64_t fingerprint = dutiesFingerprint(dutyHashes);
    if (!m_options.preparedDuties.empty() && readPreparedDuties(fingerprint))
        return;
    std::vector<std::string_view> texts; // distinct wordings in model order
    std::vector<int> textOfDuty(m_duties.size());
    FirstSeenNumbering textNumbers(m_duties.size());
    for (size_t i = 0; i < m_duties.size(); ++i) {
        textOfDuty[i] = textNumbers.number(dutyHashes[i],
                                           [&](int text) { return texts[text] == dutyTexts[i]; });
        if (textOfDuty[i] == static_cast<int>(texts.size()))
            texts.push_back(dutyTexts[i]);
    }

    // Normalising is most of the work: blocks of wordings on all threads, each thread with its
    // own normaliser and vocabulary. Its term ids are renumbered below in the order of the
    // wordings, so the ids (and the order of equally frequent terms) do not depend on threads.
    constexpr size_t BlockSize = 2048;
    struct Block
    {
        size_t worker = 0;
        std::vector<std::vector<Occurrence>> terms;
    };
    std::vector<Block> blocks((texts.size() + BlockSize - 1) / BlockSize);
    std::vector<Vocabulary> workerVocabularies(workerCount(blocks.size()));
    parallelBlocks(blocks.size(), m_options.cancelled, phaseProgress(0, 0.75),
                   [&](size_t worker, auto nextBlock) {
        TextNormalizer normalizer(m_model.overlapSettings.synonyms);
        Vocabulary &vocabulary = workerVocabularies[worker];
        for (size_t b; nextBlock(b);) {
            Block &block = blocks[b];
            block.worker = worker;
            const size_t end = std::min(texts.size(), (b + 1) * BlockSize);
            block.terms.reserve(end - b * BlockSize);
            for (size_t text = b * BlockSize; text < end; ++text) {
                std::vector<Occurrence> &occurrences = block.terms.emplace_back();
                for (const TextTerm &t : normalizer.terms(texts[text])) {
                    const int id = vocabulary.intern(t.key, t.role == TermRole::Generic,
                                                     t.phrase);
                    occurrences.push_back({id, t.role, t.emphasis, t.scope, t.head, t.party});
                }
            }
        }
    });
    if (isCancelled())
        return;

    // Term ids are made global in the order of the wordings, so they never depend on threads.
    std::vector<std::vector<int>> globalId(workerVocabularies.size());
    for (size_t w = 0; w < workerVocabularies.size(); ++w)
        globalId[w].assign(workerVocabularies[w].frequency.size(), -1);
    for (Block &block : blocks) {
        const Vocabulary &local = workerVocabularies[block.worker];
        std::vector<int> &global = globalId[block.worker];
        for (std::vector<Occurrence> &occurrences : block.terms) {
            for (Occurrence &o : occurrences) {
                int &id = global[o.id];
                if (id < 0)
                    id = m_vocabulary.intern(*local.key[o.id], local.generic[o.id],
                                             local.phrase[o.id]);
                o.id = id;
            }
        }
    }

    // Wordings whose terms weigh the same are one group. Each wording's signature (its terms
    // and how each is weighed, sorted) and a hash of it are made on all threads; the groups
    // are then formed in the order of the wordings.
    std::vector<std::vector<std::uint64_t>> blockSignatures(blocks.size());
    std::vector<std::vector<std::uint32_t>> blockSignatureBegin(blocks.size());
    std::vector<std::vector<std::uint64_t>> blockHashes(blocks.size());
    parallelBlocks(blocks.size(), m_options.cancelled, phaseProgress(0.75, 0.9),
                   [&](size_t, auto nextBlock) {
        for (size_t b; nextBlock(b);) {
            std::vector<std::uint64_t> &signatures = blockSignatures[b];
            std::vector<std::uint32_t> &begin = blockSignatureBegin[b];
            std::vector<std::uint64_t> &hashes = blockHashes[b];
            for (const std::vector<Occurrence> &occurrences : blocks[b].terms) {
                begin.push_back(static_cast<std::uint32_t>(signatures.size()));
                for (const Occurrence &o : occurrences) {
                    const auto emphasis
                        = static_cast<std::uint64_t>(std::lround(o.emphasis * 1000));
                    signatures.push_back((static_cast<std::uint64_t>(o.id) << 16)
                                         | (emphasis << 5) | o.flags());
                }
                std::sort(signatures.begin() + begin.back(), signatures.end());
                // Each step multiplies, which moves the ids (high bits) up only; the final
                // mix (MurmurHash3's) brings them down to the bits the table uses.
                std::uint64_t h = occurrences.size();
                for (size_t i = begin.back(); i < signatures.size(); ++i)
                    h = (h ^ signatures[i]) * 0x9E3779B97F4A7C15u;
                h ^= h >> 33;
                h *= 0xFF51AFD7ED558CCDu;
                h ^= h >> 33;
                hashes.push_back(h);
            }
            begin.push_back(static_cast<std::uint32_t>(signatures.size()));
        }
    });
    if (isCancelled())
        return;
    auto signatureOf = [&](size_t b, size_t k) {
        const std::vector<std::uint32_t> &begin = blockSignatureBegin[b];
        return std::span<const std::uint64_t>(blockSignatures[b])
            .subspan(begin[k], begin[k + 1] - begin[k]);
    };
    FirstSeenNumbering groupNumbers(texts.size());
    std::vector<std::pair<size_t, size_t>> firstOfGroup; // the block and place of its signature
    std::vector<int> groupOfText(texts.size());
    m_groups.reserve(texts.size());
    m_groupTerms.reserve(texts.size());
    for (size_t b = 0; b < blocks.size(); ++b) {
        for (size_t k = 0; k < blocks[b].terms.size(); ++k) {
            const std::span<const std::uint64_t> signature = signatureOf(b, k);
            const int group = groupNumbers.number(blockHashes[b][k], [&](int other) {
                const auto [otherBlock, otherPlace] = firstOfGroup[other];
                return std::ranges::equal(signatureOf(otherBlock, otherPlace), signature);
            });
            if (group == static_cast<int>(m_groups.size())) {
                firstOfGroup.emplace_back(b, k);
                m_groups.emplace_back();
                m_groupTerms.push_back(std::move(blocks[b].terms[k]));
            }
            groupOfText[b * BlockSize + k] = group;
        }
    }
    m_groupOfDuty.resize(m_duties.size());
    for (size_t i = 0; i < m_duties.size(); ++i)
        m_groupOfDuty[i] = groupOfText[textOfDuty[i]];
    groupDuties();
    if (m_options.preparedDutiesOut)
        *m_options.preparedDutiesOut = preparedDuties(fingerprint);
}

// Each group's duties, wording and roles, from the group of each duty.
void OverlapFinder::groupDuties()
{
    for (size_t i = 0; i < m_duties.size(); ++i)
        m_groups[m_groupOfDuty[i]].duties.push_back(static_cast<int>(i));
    for (Group &g : m_groups) {
        const DutyRef &first = m_duties[g.duties.front()];
        g.text = m_model.role(first.role).responsibilities[first.index].text;
        RoleIndex last = NoRole;
        for (int duty : g.duties) {
            // Duties are in model order, so a role's duties are consecutive.
            if (m_duties[duty].role != last)
                ++g.roleCount;
            last = m_duties[duty].role;
        }
    }
}

// The layout of OverlapOptions::preparedDuties, in host byte order: a header, then per term its
// flags, per duty its group, per group the end of its occurrences, per occurrence its term, its
// emphasis and its flags, each as one array; a checksum of all before it at the end.
struct PreparedHeader
{
    char magic[8] = {'R', 'S', 'D', 'U', 'T', 'I', 'E', 'S'};
    std::uint32_t version = 2;
    std::uint32_t termCount = 0;
    std::uint64_t fingerprint = 0;
    std::uint64_t dutyCount = 0;
    std::uint64_t groupCount = 0;
    std::uint64_t occurrenceCount = 0;
};

// A term's flags in OverlapOptions::preparedDuties (an occurrence's are OccurrenceFlag).
enum PreparedTermFlag : std::uint8_t {
    GenericTerm = 1,
    PhraseTerm = 2,
};

std::uint64_t preparedChecksum(std::string_view bytes)
{
    return std::hash<std::string_view>{}(bytes);
}

// The values of one of its arrays, read where they lie (they need not be aligned).
template<typename T>
class PreparedArray
{
public:
    // The array of COUNT values at NEXT, which moves past it.
    PreparedArray(const char *&next, size_t count)
        : m_values(next)
    {
        next += count * sizeof(T);
    }

    T operator[](size_t k) const
    {
        T value;
        std::memcpy(&value, m_values + k * sizeof(T), sizeof(T));
        return value;
    }

private:
    const char *m_values;
};

// What the duties' terms were made from: every wording in model order and the synonym groups,
// so that terms made from other duties are never read back for these.
std::uint64_t OverlapFinder::dutiesFingerprint(const std::vector<std::uint64_t> &dutyHashes) const
{
    std::uint64_t h = dutyHashes.size();
    auto mix = [&h](std::uint64_t value) { h = (h ^ value) * 0x9E3779B97F4A7C15u; };
    for (std::uint64_t dutyHash : dutyHashes)
        mix(dutyHash);
    for (const std::vector<std::string> &group : m_model.overlapSettings.synonyms) {
        mix(group.size());
        for (const std::string &word : group)
            mix(std::hash<std::string>{}(word));
    }
    return h;
}

std::string OverlapFinder::preparedDuties(std::uint64_t fingerprint) const
{
    PreparedHeader header;
    header.termCount = static_cast<std::uint32_t>(m_vocabulary.frequency.size());
    header.fingerprint = fingerprint;
    header.dutyCount = m_duties.size();
    header.groupCount = m_groups.size();
    for (const std::vector<Occurrence> &occurrences : m_groupTerms)
        header.occurrenceCount += occurrences.size();
    std::string out;
    out.reserve(sizeof header + header.termCount + 4 * header.dutyCount
                + 4 * header.groupCount + 9 * header.occurrenceCount + 8);
    auto put = [&out](const auto &value) {
        out.append(reinterpret_cast<const char *>(&value), sizeof value);
    };
    put(header);
    for (std::uint32_t id = 0; id < header.termCount; ++id) {
        put(static_cast<std::uint8_t>((m_vocabulary.generic[id] ? GenericTerm : 0)
                                      | (m_vocabulary.phrase[id] ? PhraseTerm : 0)));
    }
    for (int group : m_groupOfDuty)
        put(static_cast<std::uint32_t>(group));
    std::uint32_t end = 0;
    for (const std::vector<Occurrence> &occurrences : m_groupTerms)
        put(end += static_cast<std::uint32_t>(occurrences.size()));
    for (const std::vector<Occurrence> &occurrences : m_groupTerms) {
        for (const Occurrence &o : occurrences)
            put(static_cast<std::uint32_t>(o.id));
    }
    for (const std::vector<Occurrence> &occurrences : m_groupTerms) {
        for (const Occurrence &o : occurrences)
            put(o.emphasis);
    }
    for (const std::vector<Occurrence> &occurrences : m_groupTerms) {
        for (const Occurrence &o : occurrences)
            put(o.flags());
    }
    put(preparedChecksum(out));
    return out;
}

// Reads back what preparedDuties() made from these very duties, or returns false and leaves
// everything as it was when the bytes are anything else: every count and number is checked
// before it is used.
bool OverlapFinder::readPreparedDuties(std::uint64_t fingerprint)
{
    const std::string_view bytes = m_options.preparedDuties;
    PreparedHeader header;
    constexpr size_t ChecksumBytes = sizeof(std::uint64_t);
    if (bytes.size() < sizeof header + ChecksumBytes)
        return false;
    std::memcpy(&header, bytes.data(), sizeof header);
    const PreparedHeader expected;
    if (std::memcmp(header.magic, expected.magic, sizeof header.magic) != 0
        || header.version != expected.version || header.fingerprint != fingerprint
        || header.dutyCount != m_duties.size() || header.groupCount > header.dutyCount
        || header.occurrenceCount > std::numeric_limits<std::uint32_t>::max()) {
        return false;
    }
    const std::uint64_t size = sizeof header + std::uint64_t{header.termCount}
                               + 4 * (header.dutyCount + header.groupCount)
                               + 9 * header.occurrenceCount + ChecksumBytes;
    if (bytes.size() != size)
        return false;
    std::uint64_t checksum = 0;
    std::memcpy(&checksum, bytes.data() + size - ChecksumBytes, ChecksumBytes);
    if (checksum != preparedChecksum(bytes.substr(0, size - ChecksumBytes)))
        return false;

    const char *next = bytes.data() + sizeof header;
    const PreparedArray<std::uint8_t> termFlags(next, header.termCount);
    const PreparedArray<std::uint32_t> groupOfDuty(next, header.dutyCount);
    const PreparedArray<std::uint32_t> groupEnd(next, header.groupCount);
    const PreparedArray<std::uint32_t> termIds(next, header.occurrenceCount);
    const PreparedArray<float> emphasis(next, header.occurrenceCount);
    const PreparedArray<std::uint8_t> occurrenceFlags(next, header.occurrenceCount);

    // Groups are numbered in the order their first duty comes, as buildGroups() numbers them.
    std::uint32_t groupsSeen = 0;
    for (size_t i = 0; i < header.dutyCount; ++i) {
        const std::uint32_t group = groupOfDuty[i];
        if (group > groupsSeen)
            return false;
        groupsSeen += group == groupsSeen;
    }
    if (groupsSeen != header.groupCount)
        return false;
    for (std::uint32_t id = 0; id < header.termCount; ++id) {
        if (termFlags[id] & ~(GenericTerm | PhraseTerm))
            return false;
    }
    // A wording holds each term once; lastGroup catches a term said twice.
    std::vector<std::uint32_t> lastGroup(header.termCount, std::numeric_limits<std::uint32_t>::max());
    std::uint32_t begin = 0;
    for (std::uint32_t g = 0; g < header.groupCount; ++g) {
        if (groupEnd[g] < begin || groupEnd[g] > header.occurrenceCount)
            return false;
        for (std::uint32_t k = begin; k < groupEnd[g]; ++k) {
            const std::uint32_t id = termIds[k];
            const std::uint8_t flags = occurrenceFlags[k];
            if (id >= header.termCount || lastGroup[id] == g
                || (flags & ~OccurrenceFlagBits)
                || !(emphasis[k] > 0 && emphasis[k] <= 1)) {
                return false;
            }
            lastGroup[id] = g;
        }
        begin = groupEnd[g];
    }
    if (begin != header.occurrenceCount)
        return false;

    m_vocabulary.frequency.assign(header.termCount, 0);
    m_vocabulary.generic.resize(header.termCount);
    m_vocabulary.phrase.resize(header.termCount);
    for (std::uint32_t id = 0; id < header.termCount; ++id) {
        m_vocabulary.generic[id] = termFlags[id] & GenericTerm;
        m_vocabulary.phrase[id] = termFlags[id] & PhraseTerm;
    }
    m_groupOfDuty.resize(header.dutyCount);
    for (size_t i = 0; i < header.dutyCount; ++i)
        m_groupOfDuty[i] = static_cast<int>(groupOfDuty[i]);
    m_groups.resize(header.groupCount);
    m_groupTerms.resize(header.groupCount);
    begin = 0;
    for (std::uint32_t g = 0; g < header.groupCount; ++g) {
        std::vector<Occurrence> &occurrences = m_groupTerms[g];
        occurrences.reserve(groupEnd[g] - begin);
        for (std::uint32_t k = begin; k < groupEnd[g]; ++k) {
            occurrences.push_back(Occurrence::withFlags(static_cast<int>(termIds[k]), emphasis[k],
                                                        occurrenceFlags[k]));
        }
        begin = groupEnd[g];
    }
    groupDuties();
    return true;
}

void OverlapFinder::markFocus()
{
    m_focusRole.clear();
    m_focusGroup.clear();
    m_probed.clear();
    if (!focused())
        return;
    m_focusRole.assign(m_model.roleCount(), false);
    for (RoleIndex role : m_options.roles) {
        if (role >= 0 && role < m_model.roleCount())
            m_focusRole[role] = true;
    }
    m_focusGroup.assign(m_groups.size(), false);
    m_probed.assign(m_groups.size(), false);
    for (size_t i = 0; i < m_duties.size(); ++i) {
        if (m_focusRole[m_duties[i].role])
            m_focusGroup[m_groupOfDuty[i]] = true;
    }
}

void OverlapFinder::weighGroups()
{
    for (size_t g = 0; g < m_groups.size(); ++g) {
        for (const Occurrence &o : m_groupTerms[g])
            m_vocabulary.frequency[o.id] += static_cast<int>(m_groups[g].duties.size());
    }
    // Renumber terms: content terms by rising frequency, generic ones last.
    const size_t termCount = m_vocabulary.frequency.size();
    std::vector<int> order(termCount);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int p, int q) {
        if (m_vocabulary.generic[p] != m_vocabulary.generic[q])
            return !m_vocabulary.generic[p];
        if (m_vocabulary.frequency[p] != m_vocabulary.frequency[q])
            return m_vocabulary.frequency[p] < m_vocabulary.frequency[q];
        return p < q;
    });
    m_rank.assign(termCount, 0);
    for (size_t r = 0; r < termCount; ++r)
        m_rank[order[r]] = static_cast<int>(r);

    const double documents = std::max<double>(1.0, static_cast<double>(m_duties.size()));
    m_inverseFrequency.resize(termCount);
    for (size_t id = 0; id < termCount; ++id)
        m_inverseFrequency[id] = inverseFrequency(documents, m_vocabulary.frequency[id]);
    // All term vectors in one array: scoring candidates is mostly memory access. Each group
    // fills its own stretch of it, on all threads.
    std::vector<size_t> begin(m_groups.size() + 1, 0);
    for (size_t g = 0; g < m_groups.size(); ++g)
        begin[g + 1] = begin[g] + m_groupTerms[g].size();
    m_termStore.assign(begin.back(), WeightedTerm{});
    constexpr size_t BlockSize = 4096;
    parallelBlocks((m_groups.size() + BlockSize - 1) / BlockSize, m_options.cancelled,
                   phaseProgress(0, 1), [&](size_t, auto nextBlock) {
        for (size_t block; nextBlock(block);) {
            const size_t end = std::min(m_groups.size(), (block + 1) * BlockSize);
            for (size_t g = block * BlockSize; g < end; ++g) {
                TermVector &v = m_groups[g].vector;
                WeightedTerm *out = m_termStore.data() + begin[g];
                for (const Occurrence &o : m_groupTerms[g]) {
                    WeightedTerm &w = *out++;
                    w.id = m_rank[o.id];
                    w.weight = m_inverseFrequency[o.id] * roleFactor(o.role) * o.emphasis
                               * (m_vocabulary.phrase[o.id] ? PhraseFactor : 1.0f);
                    w.generic = m_vocabulary.generic[o.id];
                    setPlaceInDuty(w, o.role, o.scope, o.head, o.party);
                    v.total += w.weight;
                    v.hasContent = v.hasContent || !w.generic;
                }
                std::sort(m_termStore.data() + begin[g], out,
                          [](const WeightedTerm &p, const WeightedTerm &q) { return p.id < q.id; });
            }
        }
    });
    if (isCancelled())
        return;
    for (size_t g = 0; g < m_groups.size(); ++g)
        m_groups[g].vector.terms = std::span<const WeightedTerm>(m_termStore).subspan(
            begin[g], begin[g + 1] - begin[g]);
    m_groupTerms.clear();
    m_groupTerms.shrink_to_fit();
}

void OverlapFinder::buildIndex()
{
    // All-Pairs with prefix filtering (Bayardo, Ma and Srikant, "Scaling up all pairs similarity
    // search", WWW 2007), adapted to this score. A pair reaching t needs one side to share at
    // least t of its weight plus the prior (score <= max(share_a, share_b)). A vector's terms run
    // rarest first, so its prefix - the terms before the weight left after them drops below
    // that - holds a term of every partner for which this side reaches t. Only shared terms that
    // are in the prefix of at least one of the two propose candidates; common words lie in few
    // prefixes, so their long posting lists are seldom read.
    m_index.t = std::max(m_result.threshold, 1e-9);
    m_index.prior = shortDutyPrior(std::max<double>(1.0, static_cast<double>(m_duties.size())));
    const double t = m_index.t;
    const double prior = m_index.prior;
    const size_t termCount = m_vocabulary.frequency.size();
    const size_t groupCount = m_groups.size();
    // Even in prefixes, a word found in more than 1,000 duties (and in more than 1 in 200) would
    // propose candidates in numbers that grow with the square of the organisation. Such words
    // still count in scores but propose none, so pairs sharing nothing else are not found. They
    // sort after the others (rarer first, generic last), so where a prefix reaches them it holds
    // every indexed term of its vector, and no pair sharing an indexed term is lost.
    const int commonFrequency = std::max(1000, static_cast<int>(m_duties.size() / 200));
    std::vector<bool> &indexed = m_index.indexed;
    indexed.assign(termCount, false);
    for (size_t id = 0; id < termCount; ++id) {
        indexed[m_rank[id]] = !m_vocabulary.generic[id]
                              && m_vocabulary.frequency[id] <= commonFrequency;
    }

    std::vector<Probe> &probes = m_index.probes;
    probes.assign(groupCount, Probe{});
    // The most a term can weigh in any duty: its inverse frequency (with the phrase factor),
    // since the role and emphasis factors are at most 1; a little more against float rounding.
    std::vector<float> &weightCeiling = m_index.weightCeiling;
    weightCeiling.assign(termCount, 0.0f);
    for (size_t id = 0; id < termCount; ++id) {
        weightCeiling[m_rank[id]] = m_inverseFrequency[id]
                                    * (m_vocabulary.phrase[id] ? PhraseFactor : 1.0f)
                                    * (1 + 1e-5f);
    }
    for (size_t g = 0; g < groupCount; ++g) {
        const TermVector &v = m_groups[g].vector;
        if (!v.hasContent)
            continue;
        // A little under t, so rounding never moves a term out of the prefix that belongs in it.
        const double needed = t * (v.total + prior) * (1 - 1e-9);
        double left = v.total;
        int k = 0;
        const int size = static_cast<int>(v.terms.size());
        while (k < size && left >= needed)
            left -= v.terms[k++].weight;
        while (k > 0 && !indexed[v.terms[k - 1].id])
            --k;
        Probe &p = probes[g];
        p.tail = v.terms.subspan(k);
        p.base = v.total + prior;
        for (const WeightedTerm &term : p.tail)
            p.tailSignature |= std::uint64_t{1} << tailBit(term.id);
    }

    // Two posting lists per term, in group order: groups holding it in their prefix, and groups
    // holding it after their prefix. Flat arrays with offsets per term.
    auto neededOf = [&](int g) {
        return static_cast<float>(t * probes[g].base) * (1 - 1e-6f);
    };
    std::vector<size_t> &prefixBegin = m_index.prefixBegin;
    std::vector<size_t> &tailBegin = m_index.tailBegin;
    prefixBegin.assign(termCount + 1, 0);
    tailBegin.assign(termCount + 1, 0);
    std::vector<float> reach;
    std::vector<std::uint64_t> rest;
    auto forIndexedTerms = [&](auto &&fn) {
        for (size_t g = 0; g < groupCount; ++g) {
            const TermVector &v = m_groups[g].vector;
            if (!v.hasContent)
                continue;
            reachOf(v, prior, reach);
            rest.resize(v.terms.size() + 1);
            rest.back() = 0;
            for (size_t i = v.terms.size(); i-- > 0;)
                rest[i] = rest[i + 1] | std::uint64_t{1} << tailBit(v.terms[i].id);
            for (size_t i = 0; i < v.terms.size() && indexed[v.terms[i].id]; ++i) {
                fn(static_cast<int>(g), v.terms[i], reach[i], rest[i],
                   i < v.terms.size() - probes[g].tail.size());
            }
        }
    };
    forIndexedTerms([&](int, const WeightedTerm &term, float, std::uint64_t, bool inPrefix) {
        ++(inPrefix ? prefixBegin : tailBegin)[term.id + 1];
    });
    std::partial_sum(prefixBegin.begin(), prefixBegin.end(), prefixBegin.begin());
    std::partial_sum(tailBegin.begin(), tailBegin.end(), tailBegin.begin());
    std::vector<Posting> &prefixPostings = m_index.prefixPostings;
    std::vector<Posting> &tailPostings = m_index.tailPostings;
    prefixPostings.assign(prefixBegin.back(), Posting{});
    tailPostings.assign(tailBegin.back(), Posting{});
    {
        std::vector<size_t> prefixFill(prefixBegin.begin(), prefixBegin.end() - 1);
        std::vector<size_t> tailFill(tailBegin.begin(), tailBegin.end() - 1);
        forIndexedTerms([&](int g, const WeightedTerm &term, float termReach,
                            std::uint64_t restSignature, bool inPrefix) {
            const Posting posting{g, term.weight, termReach, neededOf(g), probes[g].tailSignature,
                                  restSignature};
            if (inPrefix)
                prefixPostings[prefixFill[term.id]++] = posting;
            else
                tailPostings[tailFill[term.id]++] = posting;
        });
    }
}

void OverlapFinder::findGroupPairs()
{
    const double t = m_index.t;
    const double prior = m_index.prior;
    const size_t termCount = m_vocabulary.frequency.size();
    const size_t groupCount = m_groups.size();
    const std::vector<bool> &indexed = m_index.indexed;
    const std::vector<Probe> &probes = m_index.probes;
    const std::vector<float> &weightCeiling = m_index.weightCeiling;
    const std::vector<size_t> &prefixBegin = m_index.prefixBegin;
    const std::vector<size_t> &tailBegin = m_index.tailBegin;
    const std::vector<Posting> &prefixPostings = m_index.prefixPostings;
    const std::vector<Posting> &tailPostings = m_index.tailPostings;

    // Probes the groups ORDER holds, blocks of them on all threads, each meeting the groups
    // before it (or, with EVERY_OTHER, all other groups); the pairs found are {partner, probe},
    // in the order of ORDER whatever the threads.
    auto probeGroups = [&](const std::vector<int> &order, bool everyOther,
                           const std::function<void(double)> &progressed) {
        // Few probes, each meeting every other group, are spread over the threads in smaller
        // blocks.
        const size_t blockSize = everyOther ? 16 : 512;
        const size_t blockCount = (order.size() + blockSize - 1) / blockSize;
        std::vector<std::vector<GroupPair>> blockPairs(blockCount);
        parallelBlocks(blockCount, m_options.cancelled, progressed, [&](size_t, auto nextBlock) {
            // The weight each side of a pair shares so far, by candidate group in a small hash
            // table (a probe meets some hundreds of groups, which a table over all groups would
            // hold scattered over many megabytes); a pruned pair has a negative one. The
            // candidate's tail signature and the weight it needs come from its posting, so that
            // most candidates are ruled out without reading anything of theirs elsewhere.
            struct Shared
            {
                double self = 0;
                double other = 0;
                std::uint64_t tailSignature = 0;
                float needed = 0;
                int group = -1; // -1: empty
            };
            std::vector<Shared> shared;
            std::vector<std::uint32_t> touched; // slots in use
            std::uint32_t slotMask = 0;
            int slotShift = 32;
            // The probing tail's weights and ceilings summed by signature bit.
            std::array<double, 64> selfBitWeight{};
            std::array<double, 64> selfBitCeiling{};
            // This probe's terms from the one being scanned on, summed by signature bit as above.
            std::array<double, 64> restBitWeight{};
            std::array<double, 64> restBitCeiling{};
            std::array<int, 64> restBitTerms{};
            std::uint64_t restSignature = 0;
            double selfNeeded = 0;
            std::vector<std::uint32_t> candidateSlots;
            std::vector<std::uint32_t> survivorSlots;
            std::vector<float> selfReach;
            // The probing group's tail terms by id: a candidate's tail is matched against it term
            // by term, without the mispredicted branches of a merge (a duty's terms are distinct:
            // the normaliser merges a word said twice).
            std::vector<float> selfTailWeight(termCount, 0.0f);
            // Whether shares of at most A and B fall short of t. The combined score lies between
            // 0.7 and 1 times the larger share, which mostly decides without a square root.
            auto cannotReach = [&](double a, double b) {
                const double reachable = m_result.threshold - 1e-6;
                const double high = std::max(a, b);
                if (high < reachable)
                    return true;
                if (0.7 * high >= reachable)
                    return false;
                return combineShares(a, b) < reachable;
            };
            // The first shared term met is the pair's first in id order (the terms not met come
            // after all that are), so the shares cannot exceed what it and the later terms of each
            // vector make: positional filtering (Xiao et al., PPJoin).
            auto scan = [&](const std::vector<Posting> &postings, size_t begin, size_t end,
                            int limit, float weight, float reachFromHere) {
                for (size_t i = begin; i < end && postings[i].group < limit; ++i) {
                    const Posting &p = postings[i];
                    std::uint32_t slot = (static_cast<std::uint32_t>(p.group) * 0x9E3779B1u)
                                         >> slotShift;
                    while (shared[slot].group >= 0 && shared[slot].group != p.group)
                        slot = (slot + 1) & slotMask;
                    Shared &s = shared[slot];
                    if (s.group < 0) {
                        // Every term the pair shares from here on has its bit in both rest
                        // signatures: a pair that cannot reach t through them is never entered
                        // (nor, since later terms only narrow both, when met again).
                        double mostSelf = 0;
                        double mostOther = 0;
                        for (std::uint64_t common = p.restSignature & restSignature; common;
                             common &= common - 1) {
                            const int bit = std::countr_zero(common);
                            mostSelf += restBitWeight[bit];
                            mostOther += restBitCeiling[bit];
                        }
                        if (mostSelf < selfNeeded && mostOther < p.needed)
                            continue;
                        s.group = p.group;
                        s.tailSignature = p.tailSignature;
                        s.needed = p.needed;
                        touched.push_back(slot);
                        if (cannotReach(reachFromHere, p.reach)) {
                            s.self = -1;
                            continue;
                        }
                        s.self = 0;
                        s.other = 0;
                        candidateSlots.push_back(slot);
                    } else if (s.self < 0) {
                        continue;
                    }
                    s.self += weight;
                    s.other += p.weight;
                }
            };
            // At most as many candidates as postings to scan: the table is kept at most half full.
            auto sizeTable = [&](size_t postingCount) {
                int bits = 6;
                while ((size_t{1} << bits) < 2 * postingCount)
                    ++bits;
                if (shared.size() < (size_t{1} << bits))
                    shared.resize(size_t{1} << bits);
                slotMask = (std::uint32_t{1} << bits) - 1;
                slotShift = 32 - bits;
            };
            for (size_t block; nextBlock(block);) {
                std::vector<GroupPair> &pairs = blockPairs[block];
                const size_t end = std::min(order.size(), (block + 1) * blockSize);
                for (size_t k = block * blockSize; k < end; ++k) {
                    const int g = order[k];
                    const TermVector &self = m_groups[g].vector;
                    if (!self.hasContent)
                        continue;
                    const Probe &selfProbe = probes[g];
                    const size_t selfTail = self.terms.size() - selfProbe.tail.size();
                    candidateSlots.clear();
                    reachOf(self, prior, selfReach);
                    size_t postingCount = 0;
                    for (size_t i = 0; i < self.terms.size() && indexed[self.terms[i].id]; ++i) {
                        const int id = self.terms[i].id;
                        postingCount += prefixBegin[id + 1] - prefixBegin[id];
                        if (i < selfTail)
                            postingCount += tailBegin[id + 1] - tailBegin[id];
                    }
                    sizeTable(postingCount + 1);
                    // Meeting every other group, the probe is kept out of its own pairs by an entry
                    // ruled out from the start.
                    const int limit = everyOther ? groupCount : g;
                    if (everyOther) {
                        const std::uint32_t slot = (static_cast<std::uint32_t>(g) * 0x9E3779B1u)
                                                   >> slotShift;
                        shared[slot] = Shared{-1, 0, 0, 0, g};
                        touched.push_back(slot);
                    }
                    selfNeeded = t * selfProbe.base * (1 - 1e-9);
                    restBitWeight.fill(0);
                    restBitCeiling.fill(0);
                    restBitTerms.fill(0);
                    restSignature = 0;
                    for (const WeightedTerm &term : self.terms) {
                        const int bit = tailBit(term.id);
                        restBitWeight[bit] += term.weight;
                        restBitCeiling[bit] += weightCeiling[term.id];
                        ++restBitTerms[bit];
                        restSignature |= std::uint64_t{1} << bit;
                    }
                    for (size_t i = 0; i < self.terms.size(); ++i) {
                        const WeightedTerm &term = self.terms[i];
                        if (!indexed[term.id])
                            break;
                        scan(prefixPostings, prefixBegin[term.id], prefixBegin[term.id + 1], limit,
                             term.weight, selfReach[i]);
                        if (i < selfTail)
                            scan(tailPostings, tailBegin[term.id], tailBegin[term.id + 1], limit,
                                 term.weight, selfReach[i]);
                        const int bit = tailBit(term.id);
                        if (--restBitTerms[bit] == 0) {
                            restBitWeight[bit] = 0;
                            restBitCeiling[bit] = 0;
                            restSignature &= ~(std::uint64_t{1} << bit);
                        } else {
                            restBitWeight[bit] -= term.weight;
                            restBitCeiling[bit] -= weightCeiling[term.id];
                        }
                    }
                    // First an upper bound from the candidate's entry alone: the tail terms it may
                    // share are those of this tail whose bit its signature has, worth at most this
                    // side's weight and, on its side, the term's ceiling. Since score <=
                    // max(share_a, share_b), a pair where neither side can share t of its base is
                    // ruled out.
                    selfBitWeight.fill(0);
                    selfBitCeiling.fill(0);
                    std::uint64_t selfSignature = 0;
                    for (const WeightedTerm &term : selfProbe.tail) {
                        const int bit = tailBit(term.id);
                        selfBitWeight[bit] += term.weight;
                        selfBitCeiling[bit] += weightCeiling[term.id];
                        selfSignature |= std::uint64_t{1} << bit;
                    }
                    survivorSlots.clear();
                    for (std::uint32_t slot : candidateSlots) {
                        const Shared &s = shared[slot];
                        double mostSelf = s.self;
                        double mostOther = s.other;
                        for (std::uint64_t common = s.tailSignature & selfSignature; common;
                             common &= common - 1) {
                            const int bit = std::countr_zero(common);
                            mostSelf += selfBitWeight[bit];
                            mostOther += selfBitCeiling[bit];
                        }
                        if (mostSelf >= selfNeeded || mostOther >= s.needed)
                            survivorSlots.push_back(slot);
                    }
                    for (const WeightedTerm &term : selfProbe.tail)
                        selfTailWeight[term.id] = term.weight;
                    // The survivors lie anywhere in memory and each needs its tail read, so the
                    // next ones' probes and tails are fetched while this one is scored.
                    constexpr size_t ProbeAhead = 16;
                    constexpr size_t TailAhead = 8;
                    const size_t survivorCount = survivorSlots.size();
                    auto survivor = [&](size_t c) { return shared[survivorSlots[c]].group; };
                    for (size_t c = 0; c < std::min(survivorCount, ProbeAhead); ++c)
                        __builtin_prefetch(&probes[survivor(c)]);
                    for (size_t c = 0; c < survivorCount; ++c) {
                        if (c + ProbeAhead < survivorCount)
                            __builtin_prefetch(&probes[survivor(c + ProbeAhead)]);
                        if (c + TailAhead < survivorCount)
                            __builtin_prefetch(probes[survivor(c + TailAhead)].tail.data());
                        const Shared &entry = shared[survivorSlots[c]];
                        const int h = entry.group;
                        const Probe &otherProbe = probes[h];
                        double sharedSelf = entry.self;
                        double sharedOther = entry.other;
                        // The shared terms not seen yet lie in both tails; in id order they come
                        // after every term seen, so adding them now sums in the same order as
                        // scoreVectors() and gives the same score.
                        for (const WeightedTerm &term : otherProbe.tail) {
                            if (const float weight = selfTailWeight[term.id]; weight > 0) {
                                sharedSelf += weight;
                                sharedOther += term.weight;
                            }
                        }
                        const double score = std::clamp(
                            combineShares(sharedSelf / selfProbe.base,
                                          sharedOther / otherProbe.base),
                            0.0, 1.0);
                        // Whether a shared term names the work needs both duties' flags of
                        // it, which the scan does not carry: the few pairs that reach t are
                        // merged once more.
                        if (score >= m_result.threshold
                            && scoreVectors(self, m_groups[h].vector, prior).contentShared)
                            pairs.push_back({h, g, score});
                    }
                    for (const WeightedTerm &term : selfProbe.tail)
                        selfTailWeight[term.id] = 0;
                    for (std::uint32_t slot : touched)
                        shared[slot].group = -1;
                    touched.clear();
                }
            }
        });
        std::vector<GroupPair> found;
        for (std::vector<GroupPair> &pairs : blockPairs)
            found.insert(found.end(), pairs.begin(), pairs.end());
        return found;
    };

    if (!focused()) {
        // Each group meets all groups before it, so the work done grows as the square of the
        // blocks handed out.
        std::vector<int> order(groupCount);
        std::iota(order.begin(), order.end(), 0);
        m_groupPairs = probeGroups(order, false, [this](double taken) {
            reportProgress(m_phaseBegin + m_phaseShare * taken * taken);
        });
        if (!m_keepIndex)
            m_index = Index{};
        return;
    }
    // The focus roles' wordings meet every other wording, and so do their partners: whether a
    // partner is a generic duty depends on all its matches. Each pair is kept once.
    std::vector<int> order;
    for (size_t g = 0; g < groupCount; ++g) {
        if (m_focusGroup[g]) {
            m_probed[g] = true;
            order.push_back(static_cast<int>(g));
        }
    }
    const std::vector<GroupPair> focusPairs = probeGroups(order, true, phaseProgress(0, 0.5));
    order.clear();
    for (const GroupPair &p : focusPairs) {
        if (!m_probed[p.a]) {
            m_probed[p.a] = true;
            order.push_back(p.a);
        }
    }
    std::sort(order.begin(), order.end());
    const std::vector<GroupPair> partnerPairs = isCancelled()
        ? std::vector<GroupPair>{} : probeGroups(order, true, phaseProgress(0.5, 1));
    for (const std::vector<GroupPair> *pairs : {&focusPairs, &partnerPairs}) {
        for (const GroupPair &p : *pairs) {
            // A pair of two probed wordings was found from both sides.
            if (!m_probed[p.a] || p.a < p.b)
                m_groupPairs.push_back(p);
        }
    }
    if (!m_keepIndex)
        m_index = Index{};
}

void OverlapFinder::markGenericGroups()
{
    for (const GroupPair &p : m_groupPairs) {
        ++m_groups[p.a].matches;
        ++m_groups[p.b].matches;
    }
    std::vector<std::vector<int>> partners;
    std::vector<int> clusterOf(m_groups.size(), -1);
    for (size_t g = 0; g < m_groups.size(); ++g) {
        Group &group = m_groups[g];
        // With focus roles, only the wordings that met every other one have all their matches
        // (and the others' clusters hold none of the focus roles' duties).
        group.generic = group.vector.hasContent && (!focused() || m_probed[g])
                        && (group.roleCount > m_options.maxRolesPerDuty
                            || group.matches > m_options.maxMatchesPerDuty);
        if (group.generic) {
            clusterOf[g] = static_cast<int>(partners.size());
            partners.push_back({static_cast<int>(g)});
        }
    }
    for (const GroupPair &p : m_groupPairs) {
        if (clusterOf[p.a] >= 0)
            partners[clusterOf[p.a]].push_back(p.b);
        if (clusterOf[p.b] >= 0)
            partners[clusterOf[p.b]].push_back(p.a);
    }
    for (const std::vector<int> &members : partners) {
        GenericDutyCluster cluster;
        cluster.text = std::string(m_groups[members.front()].text);
        for (int g : members) {
            for (int duty : m_groups[g].duties)
                cluster.duties.push_back(m_duties[duty]);
        }
        std::sort(cluster.duties.begin(), cluster.duties.end());
        cluster.duties.erase(std::unique(cluster.duties.begin(), cluster.duties.end()),
                             cluster.duties.end());
        RoleIndex last = NoRole;
        for (const DutyRef &ref : cluster.duties) {
            if (ref.role != last)
                ++cluster.roleCount;
            last = ref.role;
        }
        m_result.genericDuties.push_back(std::move(cluster));
    }
    std::erase_if(m_groupPairs, [&](const GroupPair &p) {
        return m_groups[p.a].generic || m_groups[p.b].generic
               || (focused() && !m_focusGroup[p.a] && !m_focusGroup[p.b]);
    });
}

// The terms of the needed groups' wordings again, with their surface forms, on all threads
// (they were not kept from buildGroups(): the surface strings of every duty take much memory).
void OverlapFinder::normaliseGroups(const std::vector<bool> &needed)
{
    m_groupText.assign(m_groups.size(), {});
    constexpr size_t BlockSize = 2048;
    const size_t groupBlocks = (m_groups.size() + BlockSize - 1) / BlockSize;
    parallelBlocks(groupBlocks, m_options.cancelled, phaseProgress(0, 0.4),
                   [&](size_t, auto nextBlock) {
        TextNormalizer normalizer(m_model.overlapSettings.synonyms);
        for (size_t block; nextBlock(block);) {
            const size_t end = std::min(m_groups.size(), (block + 1) * BlockSize);
            for (size_t g = block * BlockSize; g < end; ++g) {
                if (needed[g])
                    m_groupText[g] = ExplainedTerms(normalizer.terms(m_groups[g].text));
            }
        }
    });
}

void OverlapFinder::emitTextPairs()
{
    auto sameWording = [&](size_t g) {
        const Group &group = m_groups[g];
        return !group.generic && group.vector.hasContent && group.roleCount >= 2
               && (!focused() || m_focusGroup[g]);
    };
    std::vector<bool> needed(m_groups.size(), false);
    for (size_t g = 0; g < m_groups.size(); ++g)
        needed[g] = sameWording(g);
    for (const GroupPair &p : m_groupPairs) {
        needed[p.a] = true;
        needed[p.b] = true;
    }
    normaliseGroups(needed);

    // The overlaps are made on all threads, by blocks: blocks of groups (the same wording in
    // several roles), then blocks of group pairs (different wordings of the same work). Each
    // block fills its own slice of the result, counted first so the result is allocated once;
    // finish() sorts them into one order.
    constexpr size_t BlockSize = 4096;
    const size_t groupBlocks = (m_groups.size() + BlockSize - 1) / BlockSize;
    const size_t pairBlocks = (m_groupPairs.size() + BlockSize - 1) / BlockSize;
    // Calls fn(index) for each group (the same wording in several roles) or group pair of BLOCK.
    auto forEachSource = [&](size_t block, auto &&fn) {
        if (block < groupBlocks) {
            const size_t end = std::min(m_groups.size(), (block + 1) * BlockSize);
            for (size_t g = block * BlockSize; g < end; ++g) {
                if (sameWording(g))
                    fn(g);
            }
            return;
        }
        const size_t first = (block - groupBlocks) * BlockSize;
        const size_t end = std::min(m_groupPairs.size(), first + BlockSize);
        for (size_t i = first; i < end; ++i)
            fn(i);
    };
    // Calls source(index) for each source of BLOCK, then dutyPair(a, b) for each of its pairs
    // of duties of different roles.
    auto visitBlock = [&](size_t block, auto &&source, auto &&dutyPair) {
        auto visit = [&](int dutyA, int dutyB) {
            if (m_duties[dutyA].role != m_duties[dutyB].role
                && wanted(m_duties[dutyA], m_duties[dutyB]))
                dutyPair(std::min(dutyA, dutyB), std::max(dutyA, dutyB));
        };
        forEachSource(block, [&](size_t index) {
            source(index);
            if (block < groupBlocks) {
                const std::vector<int> &duties = m_groups[index].duties;
                for (size_t i = 0; i < duties.size(); ++i) {
                    for (size_t j = i + 1; j < duties.size(); ++j)
                        visit(duties[i], duties[j]);
                }
                return;
            }
            const std::vector<int> &dutiesA = m_groups[m_groupPairs[index].a].duties;
            const std::vector<int> &dutiesB = m_groups[m_groupPairs[index].b].duties;
            for (int dutyA : dutiesA) {
                for (int dutyB : dutiesB)
                    visit(dutyA, dutyB);
            }
        });
    };
    // Explained first: the words of a wording held by several roles, and why each pair of
    // wordings matches. The groups' terms take much memory, and are freed before the overlaps
    // are made.
    struct Explanation
    {
        MatchReason reason = MatchReason::SameText;
        MatchedTerms terms; // shared by every overlap made of it
    };
    std::vector<Explanation> wordingExplanations(m_groups.size());
    std::vector<Explanation> pairExplanations(m_groupPairs.size());
    parallelBlocks(groupBlocks + pairBlocks, m_options.cancelled, phaseProgress(0.4, 0.7),
                   [&](size_t, auto nextBlock) {
        ExplainedTerms::SharedTerms shared;
        std::vector<std::string> words; // scratch, packed into each explanation's list
        for (size_t block; nextBlock(block);) {
            forEachSource(block, [&](size_t index) {
                words.clear();
                if (block < groupBlocks) {
                    const ExplainedTerms &text = m_groupText[index];
                    for (const ExplainedTerms::Term &t : text.terms()) {
                        if (!t.phrase)
                            words.emplace_back(text.surface(t));
                    }
                    wordingExplanations[index].terms = words;
                    return;
                }
                // Explain in the words of the duty that comes first in the model.
                const GroupPair &p = m_groupPairs[index];
                const bool aFirst = m_groups[p.a].duties.front() < m_groups[p.b].duties.front();
                Explanation &explanation = pairExplanations[index];
                explain(m_groupText[aFirst ? p.a : p.b], m_groupText[aFirst ? p.b : p.a], words,
                        explanation.reason, shared);
                explanation.terms = words;
            });
        }
    });
    m_groupText.clear();
    m_groupText.shrink_to_fit();
    if (isCancelled())
        return;

    std::vector<size_t> blockBegin(groupBlocks + pairBlocks + 1, 0);
    for (size_t block = 0; block < groupBlocks + pairBlocks; ++block) {
        size_t count = 0;
        visitBlock(block, [](size_t) {}, [&](int, int) { ++count; });
        blockBegin[block + 1] = blockBegin[block] + count;
    }
    m_result.overlaps.resize(blockBegin.back());
    parallelBlocks(groupBlocks + pairBlocks, m_options.cancelled, phaseProgress(0.7, 1),
                   [&](size_t, auto nextBlock) {
        for (size_t block; nextBlock(block);) {
            DutyOverlap *next = m_result.overlaps.data() + blockBegin[block];
            const Explanation *explanation = nullptr;
            double score = 1.0;
            auto source = [&](size_t index) {
                explanation = block < groupBlocks ? &wordingExplanations[index]
                                                  : &pairExplanations[index];
                score = block < groupBlocks ? 1.0 : m_groupPairs[index].score;
            };
            auto dutyPair = [&](int dutyA, int dutyB) {
                DutyOverlap &o = *next++;
                o.a = m_duties[dutyA];
                o.b = m_duties[dutyB];
                o.kind = OverlapKind::Text;
                o.reason = explanation->reason;
                o.score = score;
                o.terms = explanation->terms;
            };
            visitBlock(block, source, dutyPair);
        }
    });
}

void OverlapFinder::emitTagPairs()
{
    std::unordered_map<std::string_view, std::vector<int>> dutiesOfTag;
    std::vector<std::string_view> tagOrder;
    for (size_t i = 0; i < m_duties.size(); ++i) {
        const Responsibility &r = m_model.role(m_duties[i].role).responsibilities[m_duties[i].index];
        for (const std::string &tag : r.tags) {
            auto &list = dutiesOfTag[tag];
            if (list.empty())
                tagOrder.push_back(tag);
            if (list.empty() || list.back() != static_cast<int>(i))
                list.push_back(static_cast<int>(i));
        }
    }
    if (tagOrder.empty())
        return;
    // The text overlaps between tagged duties, so that tags and text never repeat a pair.
    std::map<std::pair<DutyRef, DutyRef>, size_t> pairIndex;
    auto tagged = [&](DutyRef ref) {
        return !m_model.role(ref.role).responsibilities[ref.index].tags.empty();
    };
    for (size_t i = 0; i < m_result.overlaps.size(); ++i) {
        const DutyOverlap &o = m_result.overlaps[i];
        if (tagged(o.a) && tagged(o.b))
            pairIndex.emplace(std::pair(o.a, o.b), i);
    }
    for (std::string_view tag : tagOrder) {
        const std::vector<int> &duties = dutiesOfTag[tag];
        int roles = 0;
        RoleIndex last = NoRole;
        for (int duty : duties) {
            if (m_duties[duty].role != last)
                ++roles;
            last = m_duties[duty].role;
        }
        if (roles < 2)
            continue;
        if (roles > m_options.maxRolesPerDuty) {
            if (focused() && std::none_of(duties.begin(), duties.end(), [&](int duty) {
                    return m_focusRole[m_duties[duty].role];
                })) {
                continue;
            }
            GenericDutyCluster cluster;
            cluster.text = std::string(tag);
            cluster.byTag = true;
            cluster.roleCount = roles;
            for (int duty : duties)
                cluster.duties.push_back(m_duties[duty]);
            m_result.genericDuties.push_back(std::move(cluster));
            continue;
        }
        for (size_t i = 0; i < duties.size(); ++i) {
            for (size_t j = i + 1; j < duties.size(); ++j) {
                const int a = duties[i];
                const int b = duties[j];
                if (m_duties[a].role == m_duties[b].role || !wanted(m_duties[a], m_duties[b]))
                    continue;
                const std::pair key(m_duties[a], m_duties[b]);
                auto it = pairIndex.find(key);
                if (it == pairIndex.end()) {
                    pairIndex.emplace(key, m_result.overlaps.size());
                    DutyOverlap o;
                    o.a = m_duties[a];
                    o.b = m_duties[b];
                    o.kind = OverlapKind::Tag;
                    o.reason = MatchReason::SameTag;
                    o.score = 1.0;
                    o.terms = std::vector<std::string>{std::string(tag)};
                    m_result.overlaps.push_back(std::move(o));
                    continue;
                }
                DutyOverlap &o = m_result.overlaps[it->second];
                std::vector<std::string> tags;
                if (o.kind == OverlapKind::Tag) {
                    for (const std::string_view earlier : o.terms)
                        tags.emplace_back(earlier);
                } else {
                    o.kind = OverlapKind::Tag;
                    o.reason = MatchReason::SameTag;
                    o.score = 1.0;
                }
                if (std::find(tags.begin(), tags.end(), tag) == tags.end()) {
                    tags.emplace_back(tag);
                    o.terms = std::move(tags);
                }
            }
        }
    }
}

void OverlapFinder::finish()
{
    std::vector<RoleLink> links;
    links.reserve(m_result.overlaps.size());
    for (const DutyOverlap &o : m_result.overlaps)
        links.emplace_back(o);
    // The overlaps are sorted on another thread while the role pairs are counted on this one.
    std::jthread overlapSorter([&] {
        std::sort(m_result.overlaps.begin(), m_result.overlaps.end(), byScoreThenModelOrder);
    });
    m_result.rolePairs = rolePairsOf(m_model, std::move(links));
    overlapSorter.join();
    std::stable_sort(m_result.genericDuties.begin(), m_result.genericDuties.end(),
                     [](const GenericDutyCluster &p, const GenericDutyCluster &q) {
                         return p.roleCount > q.roleCount;
                     });
}

} // namespace

OverlapResult findOverlaps(const Model &model, const OverlapOptions &options)
{
    return OverlapFinder(model, options).run();
}

std::vector<double> rolePairScoresAgainst(const OverlapResult &result, RoleIndex role,
                                          int roleCount)
{
    return scoresAgainstIn(result.rolePairs, role, roleCount);
}

namespace {

// The positions of ITEMCOUNT items by role: ROLESOF(item, add) calls add(role) for each role
// the item holds, once each and in ascending order of roles.
template<typename RolesOf>
void positionsByRole(size_t itemCount, int roleCount, RolesOf rolesOf,
                     std::vector<std::uint32_t> &start, std::vector<std::uint32_t> &items)
{
    // Counted one slot ahead, summed, then filled (moving each role's start to its end).
    start.assign(static_cast<size_t>(roleCount) + 2, 0);
    for (size_t item = 0; item < itemCount; ++item) {
        rolesOf(item, [&](RoleIndex role) {
            if (role >= 0 && role < roleCount)
                ++start[static_cast<size_t>(role) + 2];
        });
    }
    std::partial_sum(start.begin(), start.end(), start.begin());
    items.resize(start.back());
    for (size_t item = 0; item < itemCount; ++item) {
        rolesOf(item, [&](RoleIndex role) {
            if (role >= 0 && role < roleCount)
                items[start[static_cast<size_t>(role) + 1]++] = static_cast<std::uint32_t>(item);
        });
    }
    start.pop_back();
}

} // namespace

OverlapsByRole::OverlapsByRole(const Model &model, const OverlapResult &result)
{
    positionsByRole(
        result.overlaps.size(), model.roleCount(),
        [&](size_t at, auto add) {
            add(result.overlaps[at].a.role);
            add(result.overlaps[at].b.role);
        },
        m_overlaps.start, m_overlaps.items);
    positionsByRole(
        result.genericDuties.size(), model.roleCount(),
        [&](size_t at, auto add) {
            // Its duties are in model order, so each role's are together.
            RoleIndex last = NoRole;
            for (const DutyRef &duty : result.genericDuties[at].duties) {
                if (duty.role != last)
                    add(duty.role);
                last = duty.role;
            }
        },
        m_clusters.start, m_clusters.items);
}

std::span<const std::uint32_t> OverlapsByRole::Positions::of(RoleIndex role) const
{
    if (role < 0 || static_cast<size_t>(role) + 1 >= start.size())
        return {};
    return std::span(items).subspan(start[static_cast<size_t>(role)],
                                    start[static_cast<size_t>(role) + 1]
                                        - start[static_cast<size_t>(role)]);
}

OverlapResult OverlapsByRole::among(const Model &model, const OverlapResult &result,
                                    std::vector<RoleIndex> roles) const
{
    std::sort(roles.begin(), roles.end());
    roles.erase(std::unique(roles.begin(), roles.end()), roles.end());
    auto isAmong = [&](RoleIndex role) {
        return std::binary_search(roles.begin(), roles.end(), role);
    };
    OverlapResult part;
    part.threshold = result.threshold;
    // Each overlap between two of the roles is taken from the lists of its first role only.
    std::vector<std::uint32_t> picked;
    for (const RoleIndex role : roles) {
        for (const std::uint32_t at : m_overlaps.of(role)) {
            const DutyOverlap &o = result.overlaps[at];
            if (o.a.role == role && isAmong(o.b.role))
                picked.push_back(at);
        }
    }
    std::sort(picked.begin(), picked.end());
    std::vector<RoleLink> links;
    for (const std::uint32_t at : picked) {
        const DutyOverlap &o = part.overlaps.emplace_back(result.overlaps[at]);
        links.emplace_back(o);
    }
    part.rolePairs = rolePairsOf(model, std::move(links));

    picked.clear();
    for (const RoleIndex role : roles) {
        const auto clusters = m_clusters.of(role);
        picked.insert(picked.end(), clusters.begin(), clusters.end());
    }
    std::sort(picked.begin(), picked.end());
    // A cluster is listed under each of its roles: once for a cluster of one of them only.
    for (size_t begin = 0; begin < picked.size();) {
        size_t end = begin + 1;
        while (end < picked.size() && picked[end] == picked[begin])
            ++end;
        if (end - begin > 1)
            part.genericDuties.push_back(result.genericDuties[picked[begin]]);
        begin = end;
    }
    return part;
}

std::vector<double> OverlapsByRole::scoresAgainst(const Model &model, const OverlapResult &result,
                                                  RoleIndex role) const
{
    std::vector<RoleLink> links;
    for (const std::uint32_t at : m_overlaps.of(role))
        links.emplace_back(result.overlaps[at]);
    return scoresAgainstIn(rolePairsOf(model, std::move(links)), role, model.roleCount());
}

struct OverlapIndex::Private
{
    Private(const Model &model, const OverlapOptions &options)
        : finder(model, options)
    {}

    // The building's cancelled and progress are not a query's, and may be gone.
    OverlapResult query(const std::vector<RoleIndex> &roles, const std::atomic<bool> *cancelled,
                        std::atomic<int> *progress)
    {
        if (!complete)
            return finder.emptyResult();
        OverlapOptions &options = finder.options();
        options.roles = roles;
        options.cancelled = cancelled;
        options.progress = progress;
        return finder.query();
    }

    OverlapFinder finder;
    bool complete = false;
};

OverlapIndex::OverlapIndex(const Model &model, const OverlapOptions &options)
    : d(std::make_unique<Private>(model, options))
{
    d->complete = d->finder.prepare(/*alone=*/true);
    // Only building reads or makes them; the caller's bytes need not outlive that.
    d->finder.options().preparedDuties = {};
    d->finder.options().preparedDutiesOut = nullptr;
}

OverlapIndex::~OverlapIndex() = default;

bool OverlapIndex::isComplete() const
{
    return d->complete;
}

OverlapResult OverlapIndex::find(const std::vector<RoleIndex> &roles,
                                 const std::atomic<bool> *cancelled)
{
    return d->query(roles, cancelled, nullptr);
}

OverlapResult OverlapIndex::findAllOnce(const std::atomic<bool> *cancelled,
                                        std::atomic<int> *progress)
{
    d->finder.letIndexGo();
    OverlapResult result = d->query({}, cancelled, progress);
    d->complete = false;
    return result;
}

} // namespace rolescope
