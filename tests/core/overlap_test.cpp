#include "core/loader.h"
#include "core/overlap.h"
#include "core/overlapreport.h"
#include "core/textnormalizer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <clocale>
#include <cmath>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

using namespace rolescope;

namespace {

struct RoleSpec
{
    std::string id;
    std::vector<Responsibility> duties;
};

Responsibility duty(std::string text, std::vector<std::string> tags = {})
{
    return {std::move(text), std::move(tags), {}};
}

// A small organisation whose other duties give the word weights something to compare against.
Model makeModel(std::vector<RoleSpec> specs)
{
    Model model;
    model.organization.name = "Test";
    specs.push_back({"background",
                     {duty("Install network switches and routers"),
                      duty("Calibrate laboratory instruments"), duty("File tax returns on time"),
                      duty("Give guided tours to visitors"), duty("Inspect welding seams"),
                      duty("Clean and sterilise surgical equipment")}});
    for (RoleSpec &spec : specs) {
        Role role;
        role.id = spec.id;
        role.title = spec.id;
        role.responsibilities = std::move(spec.duties);
        model.roles.push_back(std::move(role));
    }
    model.rebuildIndex();
    return model;
}

const DutyOverlap *findPair(const OverlapResult &result, DutyRef a, DutyRef b)
{
    if (b < a)
        std::swap(a, b);
    for (const DutyOverlap &o : result.overlaps) {
        if (o.a == a && o.b == b)
            return &o;
    }
    return nullptr;
}

} // namespace

TEST(Overlap, EqualTagsAreAnOverlapWithScoreOne)
{
    const Model model = makeModel({{"sales", {duty("Market research and analysis", {"mr"})}},
                                   {"product", {duty("Talk to users", {"mr"})}}});
    const OverlapResult result = findOverlaps(model);
    const DutyOverlap *o = findPair(result, {0, 0}, {1, 0});
    ASSERT_NE(o, nullptr);
    EXPECT_EQ(o->kind, OverlapKind::Tag);
    EXPECT_EQ(o->reason, MatchReason::SameTag);
    EXPECT_DOUBLE_EQ(o->score, 1.0);
    EXPECT_EQ(o->terms, std::vector<std::string>{"mr"});
}

TEST(Overlap, APairMatchedByTextAndTagsIsReportedOnceAsTags)
{
    const Model model = makeModel(
        {{"sales", {duty("Conduct market research", {"mr", "research"}), duty("Visit customers")}},
         {"product", {duty("Visit customers"), duty("Conduct market research", {"research", "mr"})}}});
    const OverlapResult result = findOverlaps(model);
    ASSERT_EQ(result.overlaps.size(), 2u);
    const DutyOverlap *tagged = findPair(result, {0, 0}, {1, 1});
    ASSERT_NE(tagged, nullptr);
    EXPECT_EQ(tagged->kind, OverlapKind::Tag);
    EXPECT_EQ(tagged->reason, MatchReason::SameTag);
    EXPECT_EQ(tagged->terms, (std::vector<std::string>{"mr", "research"}));
    const DutyOverlap *text = findPair(result, {0, 1}, {1, 0});
    ASSERT_NE(text, nullptr);
    EXPECT_EQ(text->reason, MatchReason::SameText);
}

TEST(Overlap, TagsWithinOneRoleAreNoOverlap)
{
    const Model model = makeModel({{"sales", {duty("Visit customers", {"x"}), duty("Call customers", {"x"})}}});
    EXPECT_TRUE(findOverlaps(model).overlaps.empty());
}

TEST(Overlap, StemmingMatchesInflectedWords)
{
    const Model model = makeModel({{"finance", {duty("Prepare the annual budget")}},
                                   {"ops", {duty("Preparing annual budgets")}}});
    const OverlapResult result = findOverlaps(model);
    const DutyOverlap *o = findPair(result, {0, 0}, {1, 0});
    ASSERT_NE(o, nullptr);
    EXPECT_EQ(o->kind, OverlapKind::Text);
    EXPECT_EQ(o->reason, MatchReason::SameText);
    EXPECT_DOUBLE_EQ(o->score, 1.0);
    EXPECT_EQ(o->terms, (std::vector<std::string>{"prepare", "annual", "budget"}));
}

// A wording held by many roles makes many overlaps; they hold one list of matched words, not a
// copy each (millions of overlaps at 100,000 roles).
TEST(Overlap, OverlapsOfTheSameWordingsShareTheirMatchedTerms)
{
    const Model model = makeModel({{"a", {duty("Prepare the annual budget")}},
                                   {"b", {duty("Prepare the annual budget")}},
                                   {"c", {duty("Prepare the annual budget"), duty("Audit expense claims")}},
                                   {"d", {duty("Audit employee expense claims")}},
                                   {"e", {duty("Audit employee expense claims")}}});
    const OverlapResult result = findOverlaps(model);
    const DutyOverlap *ab = findPair(result, {0, 0}, {1, 0});
    const DutyOverlap *ac = findPair(result, {0, 0}, {2, 0});
    const DutyOverlap *cd = findPair(result, {2, 1}, {3, 0});
    const DutyOverlap *ce = findPair(result, {2, 1}, {4, 0});
    ASSERT_TRUE(ab && ac && cd && ce) << overlapsToText(model, result);
    ASSERT_FALSE(ab->terms.empty());
    ASSERT_FALSE(cd->terms.empty());
    EXPECT_EQ(ab->terms[0].data(), ac->terms[0].data());
    EXPECT_EQ(cd->terms[0].data(), ce->terms[0].data());
    EXPECT_EQ(cd->terms, (std::vector<std::string>{"audit", "expense claims"}));
}

TEST(Overlap, CancelledAnalysisReturnsNothing)
{
    const Model model = makeModel({{"finance", {duty("Prepare the annual budget")}},
                                   {"ops", {duty("Preparing annual budgets")}}});
    std::atomic<bool> cancelled = true;
    OverlapOptions options;
    options.cancelled = &cancelled;
    const OverlapResult result = findOverlaps(model, options);
    EXPECT_TRUE(result.overlaps.empty());
    EXPECT_TRUE(result.rolePairs.empty());
    cancelled = false;
    EXPECT_EQ(findOverlaps(model, options).overlaps.size(), 1u);
}

TEST(Overlap, CaseAccentsAndPunctuationAreFolded)
{
    const Model model = makeModel({{"hr", {duty("Résumé screening")}},
                                   {"recruiting", {duty("RESUME  screening!")}}});
    const OverlapResult result = findOverlaps(model);
    const DutyOverlap *o = findPair(result, {0, 0}, {1, 0});
    ASSERT_NE(o, nullptr);
    EXPECT_EQ(o->reason, MatchReason::SameText);
    EXPECT_DOUBLE_EQ(o->score, 1.0);
}

TEST(Overlap, ModelSynonymGroupsJoinPhrases)
{
    Model model = makeModel({{"sales", {duty("Conduct market research")}},
                             {"product", {duty("Carry out a market analysis")}}});
    const OverlapResult without = findOverlaps(model);
    const DutyOverlap *plain = findPair(without, {0, 0}, {1, 0});
    const double plainScore = plain ? plain->score : 0.0;

    model.overlapSettings.synonyms = {{"market research", "market analysis"}};
    const OverlapResult with = findOverlaps(model);
    const DutyOverlap *o = findPair(with, {0, 0}, {1, 0});
    ASSERT_NE(o, nullptr);
    EXPECT_GT(o->score, plainScore);
    EXPECT_EQ(o->reason, MatchReason::Synonym);
    EXPECT_EQ(o->terms, std::vector<std::string>{"market research ~ market analysis"});
}

TEST(Overlap, BritishAndAmericanSpellingsMeet)
{
    const Model model = makeModel({{"a", {duty("Analyse competitor pricing")}},
                                   {"b", {duty("Analyze competitor pricing")}}});
    const OverlapResult result = findOverlaps(model);
    const DutyOverlap *o = findPair(result, {0, 0}, {1, 0});
    ASSERT_NE(o, nullptr);
    EXPECT_DOUBLE_EQ(o->score, 1.0);
}

TEST(Overlap, ChineseIsComparedByCharacterBigrams)
{
    const Model model = makeModel({{"sales", {duty("市场调研和分析"), duty("处理客户投诉")}},
                                   {"product", {duty("对相关产品进行市场调研"), duty("编制年度预算")}}});
    const OverlapResult result = findOverlaps(model);
    const DutyOverlap *o = findPair(result, {0, 0}, {1, 0});
    ASSERT_NE(o, nullptr);
    EXPECT_NE(std::find(o->terms.begin(), o->terms.end(), "调研"), o->terms.end());
    EXPECT_EQ(findPair(result, {0, 1}, {1, 1}), nullptr);
    EXPECT_EQ(findPair(result, {0, 0}, {1, 1}), nullptr);
}

TEST(Overlap, GenericWordsAloneNeverMakeAnOverlap)
{
    const Model model = makeModel(
        {{"a", {duty("Responsible for customer service"), duty("Manage and coordinate"),
                duty("Ensure the normal operation of the marketing work")}},
         {"b", {duty("Responsible for product development"), duty("Oversee and coordinate"),
                duty("Ensure the safe operation of production equipment")}}});
    const OverlapResult result = findOverlaps(model);
    EXPECT_TRUE(result.overlaps.empty()) << overlapsToText(model, result);
    EXPECT_TRUE(result.rolePairs.empty());
}

TEST(Overlap, DifferentWorkSharingAVerbIsNoOverlap)
{
    const Model model = makeModel({{"finance", {duty("Prepare the annual budget")}},
                                   {"training", {duty("Prepare training materials")}}});
    EXPECT_TRUE(findOverlaps(model).overlaps.empty());
}

TEST(Overlap, APlaceTeamOrRuleAloneNeverMakesAnOverlap)
{
    const Model model = makeModel(
        {{"a", {duty("Support vendor services across the Paris contact centre"),
                duty("Reconcile commission reports in line with anti-bribery rules"),
                duty("Approve travel expenses for the Accounts Payable team"),
                duty("Review supplier budgets across the London office"),
                duty("Coordinate recruitment and training")}},
         {"b", {duty("Design the software inventory across the Paris contact centre"),
                duty("Supervise the budget calendar in line with anti-bribery rules"),
                duty("Schedule month-end closing for the Accounts Payable team"),
                duty("Review supplier budgets across the Madrid office"),
                duty("Oversee recruitment and training")}}});
    const OverlapResult result = findOverlaps(model);
    // The same work in two places is an overlap, and so is one named by nouns of verb
    // classes; different work in one place or for one team is not.
    ASSERT_EQ(result.overlaps.size(), 2u) << overlapsToText(model, result);
    EXPECT_NE(findPair(result, {0, 3}, {1, 3}), nullptr) << overlapsToText(model, result);
    EXPECT_NE(findPair(result, {0, 4}, {1, 4}), nullptr) << overlapsToText(model, result);
}

TEST(Overlap, DifferentWorkOpeningWithTheSameVerbsIsNoOverlap)
{
    // The verbs weigh more than half of each duty, so only the rule keeps these apart.
    const Model model
        = makeModel({{"sales", {duty("Source, screen, vet, qualify and onboard customers")}},
                     {"charity", {duty("Source, screen, vet, qualify and onboard volunteers")}}});
    EXPECT_TRUE(findOverlaps(model).overlaps.empty());
    // Nor does the verb of a purpose clause make one with the verb another duty opens with.
    const Model purpose = makeModel(
        {{"hr", {duty("Confer with union representatives to develop staff newsletters")}},
         {"finance", {duty("Plan the annual treasury calendar")}}});
    OverlapOptions anyScore;
    anyScore.minScore = 0.01;
    const OverlapResult result = findOverlaps(purpose, anyScore);
    EXPECT_TRUE(result.overlaps.empty()) << overlapsToText(purpose, result);
}

TEST(Overlap, WhomTheWorkIsDoneForMakesAnOverlapOnlyWithWhatIsDone)
{
    const Model model = makeModel(
        {{"a", {duty("Recruit project personnel"), duty("Confer with project personnel"),
                duty("Monitor supplier forecasts"), duty("Hire and train staff members"),
                duty("Appoint department heads")}},
         {"b", {duty("Hire project employees"), duty("Assign duties to project personnel"),
                duty("Review supplier forecasts"), duty("Hire and coach staff members"),
                duty("Confer with department heads")}}});
    const OverlapResult result = findOverlaps(model);
    // The same people with the same verb class is the same work, and so are the same
    // supplier forecasts; the same people with other work ("Confer with" / "Assign duties
    // to" / "Recruit", "Appoint" / "Confer with") is not.
    ASSERT_EQ(result.overlaps.size(), 3u) << overlapsToText(model, result);
    EXPECT_NE(findPair(result, {0, 0}, {1, 0}), nullptr) << overlapsToText(model, result);
    EXPECT_NE(findPair(result, {0, 2}, {1, 2}), nullptr) << overlapsToText(model, result);
    EXPECT_NE(findPair(result, {0, 3}, {1, 3}), nullptr) << overlapsToText(model, result);
    // The manager a duty oversees is whom it is done on: the built-in general manager does not
    // do the marketing manager's work.
    const Model overseen = makeModel({{"gm", {duty("Direct and oversee the marketing manager")}},
                                      {"mm", {duty("Manage marketing")}}});
    OverlapOptions anyScore;
    anyScore.minScore = 0.01;
    const OverlapResult none = findOverlaps(overseen, anyScore);
    EXPECT_TRUE(none.overlaps.empty()) << overlapsToText(overseen, none);
}

TEST(Overlap, ThresholdComesFromOptionsThenModelThenDefault)
{
    Model model = makeModel({{"a", {duty("Negotiate contracts with suppliers")}},
                             {"b", {duty("Negotiate supplier contracts and terms")}}});
    const OverlapResult byDefault = findOverlaps(model);
    EXPECT_DOUBLE_EQ(byDefault.threshold, 0.5);
    const DutyOverlap *o = findPair(byDefault, {0, 0}, {1, 0});
    ASSERT_NE(o, nullptr);
    ASSERT_LT(o->score, 0.99);

    model.overlapSettings.threshold = 0.99;
    const OverlapResult strict = findOverlaps(model);
    EXPECT_DOUBLE_EQ(strict.threshold, 0.99);
    EXPECT_EQ(findPair(strict, {0, 0}, {1, 0}), nullptr);

    OverlapOptions options;
    options.minScore = 0.2;
    const OverlapResult overridden = findOverlaps(model, options);
    EXPECT_DOUBLE_EQ(overridden.threshold, 0.2);
    EXPECT_NE(findPair(overridden, {0, 0}, {1, 0}), nullptr);
}

TEST(Overlap, EachPairOnceInModelOrderAndOnlyAcrossRoles)
{
    const Model model = makeModel(
        {{"a", {duty("Resolve customer complaints"), duty("Resolve customer complaints quickly")}},
         {"b", {duty("Resolve customer complaints")}},
         {"c", {duty("Handle and resolve complaints from customers")}}});
    const OverlapResult result = findOverlaps(model);
    std::vector<std::pair<DutyRef, DutyRef>> seen;
    for (const DutyOverlap &o : result.overlaps) {
        EXPECT_LT(o.a, o.b);
        EXPECT_NE(o.a.role, o.b.role);
        EXPECT_GE(o.score, result.threshold);
        EXPECT_LE(o.score, 1.0);
        seen.emplace_back(o.a, o.b);
    }
    std::sort(seen.begin(), seen.end());
    EXPECT_EQ(std::adjacent_find(seen.begin(), seen.end()), seen.end());
    // a's two duties each match b's and c's: 2 x 2, plus b with c.
    EXPECT_EQ(result.overlaps.size(), 5u);
    EXPECT_NE(findPair(result, {0, 0}, {1, 0}), nullptr);
    EXPECT_EQ(findPair(result, {0, 0}, {1, 0})->reason, MatchReason::SameText);
}

TEST(Overlap, RolePairsCountSharedDutiesAndCoverage)
{
    const Model model = makeModel(
        {{"sales", {duty("Market research and analysis"), duty("Forecast annual sales"),
                    duty("Recruit sales representatives"), duty("Visit key customers")}},
         {"product", {duty("Conduct market research and analysis on related products"),
                      duty("Prepare the annual sales forecast")}}});
    const OverlapResult result = findOverlaps(model);
    ASSERT_EQ(result.rolePairs.size(), 1u);
    const RolePairOverlap &p = result.rolePairs.front();
    EXPECT_EQ(p.a, 0);
    EXPECT_EQ(p.b, 1);
    EXPECT_EQ(p.shared, 2);
    EXPECT_EQ(p.matchedA, 2);
    EXPECT_EQ(p.matchedB, 2);
    EXPECT_DOUBLE_EQ(p.coverageA, 0.5);
    EXPECT_DOUBLE_EQ(p.coverageB, 1.0);
    EXPECT_DOUBLE_EQ(p.score, 4.0 / 6.0);
}

TEST(Overlap, ADutyHeldByVeryManyRolesIsOneGenericCluster)
{
    std::vector<RoleSpec> specs;
    for (int i = 0; i < 12; ++i)
        specs.push_back({"role" + std::to_string(i), {duty("Complete weekly timesheets")}});
    specs.push_back({"x", {duty("Audit expense claims")}});
    specs.push_back({"y", {duty("Review and audit employee expense claims")}});
    const Model model = makeModel(std::move(specs));
    OverlapOptions options;
    options.maxRolesPerDuty = 10;
    const OverlapResult result = findOverlaps(model, options);
    ASSERT_EQ(result.genericDuties.size(), 1u);
    EXPECT_EQ(result.genericDuties.front().text, "Complete weekly timesheets");
    EXPECT_EQ(result.genericDuties.front().roleCount, 12);
    EXPECT_EQ(result.genericDuties.front().duties.size(), 12u);
    ASSERT_EQ(result.overlaps.size(), 1u); // only the expense claims
    EXPECT_EQ(result.overlaps.front().a.role, 12);
}

TEST(Overlap, BuiltInModelShowsTheSeedOverlaps)
{
    const LoadResult loaded = loadModelFromFile(ROLESCOPE_RESOURCES_DIR "/models/default.yaml");
    ASSERT_TRUE(loaded.ok());
    const Model &model = *loaded.model;
    const OverlapResult result = findOverlaps(model);
    auto overlapBetween = [&](std::string_view roleA, std::string_view roleB,
                              std::string_view wordA, std::string_view wordB) {
        for (const DutyOverlap &o : result.overlaps) {
            const std::string &idA = model.role(o.a.role).id;
            const std::string &idB = model.role(o.b.role).id;
            const std::string &textA = model.role(o.a.role).responsibilities[o.a.index].text;
            const std::string &textB = model.role(o.b.role).responsibilities[o.b.index].text;
            if ((idA == roleA && idB == roleB && textA.find(wordA) != std::string::npos
                 && textB.find(wordB) != std::string::npos)
                || (idA == roleB && idB == roleA && textA.find(wordB) != std::string::npos
                    && textB.find(wordA) != std::string::npos))
                return true;
        }
        return false;
    };
    EXPECT_TRUE(overlapBetween("sales-manager", "product-manager", "arket research", "arket research"));
    EXPECT_TRUE(overlapBetween("marketing-manager", "product-manager", "arketing planning",
                               "marketing strategies and plans"));
    EXPECT_TRUE(overlapBetween("sales-manager", "product-manager", "sales channels",
                               "distribution channels"));
    for (const DutyOverlap &o : result.overlaps)
        EXPECT_FALSE(o.terms.empty()) << "an overlap with nothing to show for it";
}

namespace {

// One flag of each term of TEXT, by the term's words as written.
std::map<std::string, bool> flagByWords(TextNormalizer &normalizer, std::string_view text,
                                        bool TextTerm::*flag)
{
    std::map<std::string, bool> flags;
    for (const TextTerm &t : normalizer.terms(text))
        flags[t.surface] = t.*flag;
    return flags;
}

// The term of TEXT whose words as written are SURFACE.
TextTerm termIn(TextNormalizer &normalizer, std::string_view text, std::string_view surface)
{
    for (TextTerm &t : normalizer.terms(text)) {
        if (t.surface == surface)
            return std::move(t);
    }
    ADD_FAILURE() << "no term " << surface << " in " << text;
    return TextTerm{};
}

} // namespace

TEST(TextNormalizer, PurposeClausesAndGenericVerbsWeighLess)
{
    TextNormalizer normalizer;
    auto roleOf = [&](std::string_view surface) {
        return termIn(normalizer, "Manage supplier contracts to ensure timely delivery", surface)
            .role;
    };
    EXPECT_EQ(roleOf("manage"), TermRole::Generic);
    EXPECT_EQ(roleOf("contracts"), TermRole::Object);
    EXPECT_EQ(roleOf("supplier contracts"), TermRole::Object);
    EXPECT_EQ(roleOf("delivery"), TermRole::Purpose);
}

TEST(TextNormalizer, APlaceOrRuleTheWorkIsDoneInIsItsScope)
{
    TextNormalizer normalizer;
    auto scopeOf = [&](std::string_view text) {
        return flagByWords(normalizer, text, &TextTerm::scope);
    };
    const auto place = scopeOf("Review supplier budgets across the London office");
    EXPECT_FALSE(place.at("supplier budgets"));
    EXPECT_TRUE(place.at("london office"));
    EXPECT_TRUE(place.at("london"));
    const auto rule = scopeOf("Reconcile commission reports in line with company policy");
    EXPECT_FALSE(rule.at("commission reports"));
    EXPECT_TRUE(rule.at("company policy"));
    EXPECT_EQ(rule.count("line"), 0u) << "the marker's own noun is no term";
    // "For" and "with" lead a scope only when they name a unit of the organisation.
    EXPECT_TRUE(scopeOf("Approve travel expenses for the Accounts Payable team").at("payable"));
    EXPECT_TRUE(scopeOf("Agree release plans with the Rigyia project").at("rigyia"));
    EXPECT_FALSE(scopeOf("Purchase supplies for new staff").at("staff"));
    // A unit's name may hold "and" or "or"; a verb after them starts another clause.
    EXPECT_TRUE(scopeOf("Approve travel expenses for the Learning and Development team")
                    .at("development"));
    EXPECT_TRUE(scopeOf("Prepare sales reports for management and budget departments").at("budget"));
    const auto nextClause = scopeOf("Purchase supplies for new staff and train the finance team");
    EXPECT_FALSE(nextClause.at("staff"));
    EXPECT_FALSE(nextClause.at("finance team"));
    // The scope ends at a comma or a "to": the work goes on after it.
    const auto clause = scopeOf("Review budgets across the London office, to cut costs");
    EXPECT_TRUE(clause.at("office"));
    EXPECT_FALSE(clause.at("costs"));
    // A scope qualifies an object: after the verb alone the words are the object.
    EXPECT_FALSE(scopeOf("Work across departments on budgets").at("departments"));
    EXPECT_FALSE(scopeOf("Manage the London office").at("london office"));
}

TEST(TextNormalizer, PeopleTheWorkIsDoneForAreItsParty)
{
    TextNormalizer normalizer;
    auto partyOf = [&](std::string_view text) {
        return flagByWords(normalizer, text, &TextTerm::party);
    };
    // A noun for people takes the words that run into it, not the verb before them.
    const auto recruit = partyOf("Recruit project personnel");
    EXPECT_FALSE(recruit.at("recruit"));
    EXPECT_TRUE(recruit.at("project"));
    EXPECT_TRUE(recruit.at("personnel"));
    EXPECT_TRUE(recruit.at("project personnel"));
    // A verb no class knows, listed after another, is no party either.
    const auto listed = partyOf("Identify staff vacancies and recruit, interview, and select applicants");
    EXPECT_FALSE(listed.at("select"));
    EXPECT_TRUE(listed.at("applicants"));
    // A noun for people before another noun only qualifies it: that noun names the work.
    const auto qualifier = partyOf("Review Proware supplier forecasts");
    EXPECT_TRUE(qualifier.at("supplier"));
    EXPECT_FALSE(qualifier.at("proware"));
    EXPECT_FALSE(qualifier.at("forecasts"));
    EXPECT_FALSE(qualifier.at("supplier forecasts"));
    // "Customs" is no customer, though the stemmer makes them one word.
    EXPECT_FALSE(partyOf("Collect customs duties").at("customs"));
    // Titles name the role whose work it is, unless "with", "to" or "for" lead them.
    EXPECT_FALSE(partyOf("Corporate HR Business Partner").at("partner"));
    EXPECT_FALSE(partyOf("Appoint department heads").at("department heads"));
    EXPECT_TRUE(partyOf("Confer with department heads").at("department heads"));
    const auto managers = partyOf("Confer with labor relations managers");
    EXPECT_TRUE(managers.at("labor relations"));
    EXPECT_FALSE(managers.at("confer"));
    // So do the verbs opening a duty, when a class knows them or they are generic; not a word
    // opening prose that is only taken for a verb.
    const auto overseen = partyOf("Direct and oversee the marketing manager");
    EXPECT_TRUE(overseen.at("marketing"));
    EXPECT_TRUE(overseen.at("manager"));
    EXPECT_FALSE(overseen.at("oversee"));
    EXPECT_TRUE(partyOf("Support the Chief Executive").at("chief"));
    EXPECT_FALSE(partyOf("Senior HR Business Partner to the Executive Team").at("partner"));
}

TEST(TextNormalizer, TheVerbsOpeningADutyAreItsHead)
{
    TextNormalizer normalizer;
    const std::map<std::string, bool> head = flagByWords(
        normalizer, "Find and qualify new suppliers, and review reports", &TextTerm::head);
    EXPECT_TRUE(head.at("find"));
    EXPECT_TRUE(head.at("qualify"));
    EXPECT_FALSE(head.at("suppliers"));
    // So does the verb of a purpose clause.
    const std::map<std::string, bool> purpose = flagByWords(
        normalizer, "Review budgets to develop staff newsletters", &TextTerm::head);
    EXPECT_TRUE(purpose.at("develop"));
    EXPECT_FALSE(purpose.at("newsletters"));
    // Only a new sentence opens with verbs again.
    EXPECT_FALSE(head.at("review"));
}

TEST(TextNormalizer, TheVerbsOpeningADutyAreItsActivity)
{
    TextNormalizer normalizer;
    auto roleIn = [&](std::string_view text, std::string_view surface) {
        return termIn(normalizer, text, surface).role;
    };
    // A verb no built-in class knows still names the activity, not the object of the work.
    EXPECT_EQ(roleIn("Control operational budgets", "control"), TermRole::Activity);
    EXPECT_EQ(roleIn("Control operational budgets", "budgets"), TermRole::Object);
    // So do the verbs listed with it, but not the same word later on, as a noun.
    EXPECT_EQ(roleIn("Listen to and resolve customer complaints", "listen"), TermRole::Activity);
    EXPECT_EQ(roleIn("Plan, schedule, or coordinate project work", "schedule"),
              TermRole::Activity);
    EXPECT_EQ(roleIn("Prepare and issue work schedule for staff", "schedule"), TermRole::Object);
    // A duty that opens with a noun keeps its phrase, and plural or derived words stay objects.
    EXPECT_EQ(roleIn("Market research and analysis", "market research"), TermRole::Object);
    EXPECT_EQ(roleIn("Sales channels management", "sales"), TermRole::Object);
    EXPECT_EQ(roleIn("Compliance reporting to the board", "compliance"), TermRole::Object);
}

TEST(TextNormalizer, AClassHoldsItsWordsAsWrittenOrInflected)
{
    TextNormalizer normalizer;
    auto keyIn = [&](std::string_view text, std::string_view surface) {
        return termIn(normalizer, text, surface).key;
    };
    const std::string plan = keyIn("Plan budgets", "plan");
    EXPECT_EQ(keyIn("Prepared budgets", "prepared"), plan);
    EXPECT_EQ(keyIn("Planning budgets", "planning"), plan);
    EXPECT_EQ(keyIn("Review budget preparations", "preparations"), plan);
    EXPECT_EQ(keyIn("Review the strategies", "strategies"), plan);
    EXPECT_EQ(keyIn("Analyses costs", "analyses"), keyIn("Evaluate costs", "evaluate"));
    EXPECT_EQ(keyIn("Visit client companies", "companies"), keyIn("Visit firms", "firms"));
    // The stemmer takes these nouns to a verb of a class, but they name things or people, not
    // the class's work.
    EXPECT_NE(keyIn("Visit business establishments", "establishments"), plan);
    EXPECT_NE(keyIn("Meet software developers", "developers"), plan);
    EXPECT_NE(keyIn("Advise employers", "employers"), keyIn("Hire staff", "hire"));
    EXPECT_NE(keyIn("Review employment needs", "employment"), keyIn("Hire staff", "hire"));
    EXPECT_NE(keyIn("Plan production", "production"), keyIn("Ship goods", "goods"));
}

TEST(TextNormalizer, AbbreviationsAndDecimalPointsEndNoSentence)
{
    TextNormalizer normalizer;
    // "U.S." is one word, and "Court" after it is not a verb opening a sentence.
    const auto head
        = flagByWords(normalizer, "Review appeals from the U.S. Court of Appeals", &TextTerm::head);
    EXPECT_TRUE(head.at("review"));
    EXPECT_FALSE(head.at("court"));
    EXPECT_EQ(head.count("us"), 1u);
    EXPECT_EQ(head.count("u") + head.count("s"), 0u);
    EXPECT_EQ(termIn(normalizer, "Codify the statutes at 42 U.S.C. 2000e", "usc").key, "usc");
    // Nor does a period after an initial, or a decimal point.
    EXPECT_FALSE(flagByWords(normalizer, "Advise President Gerald R. Ford", &TextTerm::head)
                     .at("ford"));
    EXPECT_EQ(termIn(normalizer, "Control a budget of 2.5 million", "2.5").key, "2.5");
    // A period after a word still does.
    EXPECT_TRUE(flagByWords(normalizer, "Review budgets. Hire staff", &TextTerm::head).at("hire"));
}

TEST(TextNormalizer, CompoundsMeetTheirSpacedForm)
{
    TextNormalizer normalizer;
    auto keys = [&](std::string_view text) {
        std::vector<std::string> k;
        for (const TextTerm &t : normalizer.terms(text))
            k.push_back(t.key);
        return k;
    };
    const std::vector<std::string> spaced = keys("product life cycle");
    const std::vector<std::string> joined = keys("product lifecycle");
    EXPECT_NE(std::find_first_of(spaced.begin(), spaced.end(), joined.begin(), joined.end()),
              spaced.end());
    EXPECT_NE(std::find(spaced.begin(), spaced.end(), joined.back()), spaced.end());
}

TEST(OverlapReport, JsonHasTheDocumentedShape)
{
    const Model model = makeModel({{"sales-manager", {duty("Market research \"and\" analysis", {"mr"})}},
                                   {"product-manager", {duty("Talk to users", {"mr"})}}});
    const std::string json = overlapsToJson(model, findOverlaps(model));
    EXPECT_EQ(json,
              "{\"threshold\": 0.5,\n"
              " \"overlaps\": [\n"
              "  {\"score\": 1, \"kind\": \"tag\",\n"
              "   \"a\": {\"role\": \"sales-manager\", \"index\": 0, \"text\": \"Market research "
              "\\\"and\\\" analysis\"},\n"
              "   \"b\": {\"role\": \"product-manager\", \"index\": 0, \"text\": \"Talk to users\"},\n"
              "   \"terms\": [\"mr\"]}],\n"
              " \"role_pairs\": [\n"
              "  {\"a\": \"sales-manager\", \"b\": \"product-manager\", \"score\": 1, \"shared\": 1}]}\n");
}

TEST(OverlapReport, JsonEscapesQuotesBackslashesAndControlCharacters)
{
    const Model model = makeModel({{"a", {duty("Tabs\there, a \\ and \"quotes\"\x01", {"t"})}},
                                   {"b", {duty("Line\nbreak", {"t"})}}});
    const std::string json = overlapsToJson(model, findOverlaps(model));
    EXPECT_NE(json.find(R"("text": "Tabs\there, a \\ and \"quotes\"\u0001"})"), std::string::npos)
        << json;
    EXPECT_NE(json.find(R"("text": "Line\nbreak"})"), std::string::npos) << json;
}

// A duty many roles hold is listed once, with its number of roles, after the pairs.
TEST(OverlapReport, GenericDutiesAreListedOnceAfterThePairs)
{
    std::vector<RoleSpec> specs;
    for (int i = 0; i < 3; ++i)
        specs.push_back({"role" + std::to_string(i), {duty("Complete weekly timesheets")}});
    const Model model = makeModel(std::move(specs));
    OverlapOptions options;
    options.maxRolesPerDuty = 2;
    const OverlapResult result = findOverlaps(model, options);
    ASSERT_EQ(result.genericDuties.size(), 1u);
    const std::string text = overlapsToText(model, result);
    EXPECT_NE(text.find("\nGeneric duties (held by many roles, not listed pair by pair)\n"
                        "3 roles  Complete weekly timesheets\n"),
              std::string::npos)
        << text;
    const std::string json = overlapsToJson(model, result);
    EXPECT_NE(json.find(",\n \"generic_duties\": [\n  {\"text\": \"Complete weekly timesheets\", "
                        "\"tag\": false, \"roles\": 3, \"duties\": [{\"role\": \"role0\", "
                        "\"index\": 0}, {\"role\": \"role1\", \"index\": 0}, {\"role\": "
                        "\"role2\", \"index\": 0}]}]}\n"),
              std::string::npos)
        << json;
}

TEST(OverlapReport, CsvQuotesFieldsWithCommasAndQuotes)
{
    const Model model = makeModel({{"a", {duty("Plan, budget and \"track\" events", {"ev"})}},
                                   {"b", {duty("Events", {"ev"})}}});
    const std::string csv = overlapsToCsv(model, findOverlaps(model));
    EXPECT_EQ(csv, "score,kind,reason,role_a,index_a,text_a,role_b,index_b,text_b,terms\r\n"
                   "1,tag,same tag,a,0,\"Plan, budget and \"\"track\"\" events\",b,0,Events,ev\r\n");
}

TEST(OverlapReport, TextNamesRolesByTitleWithScoreAndReason)
{
    const Model model = makeModel({{"a", {duty("Prepare the annual budget")}},
                                   {"b", {duty("Prepare the annual budget")}}});
    const std::string text = overlapsToText(model, findOverlaps(model));
    EXPECT_NE(text.find("1 overlapping duty pair (minimum score 0.5)"), std::string::npos) << text;
    EXPECT_NE(text.find("1  same text\n  a #1: Prepare the annual budget\n  b #1: Prepare the "
                        "annual budget\n  matched: prepare, annual, budget\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("1  a / b: 1 shared (100% of a's duties, 100% of b's)"), std::string::npos)
        << text;
}

TEST(OverlapReport, ScoresPrintWithAtMostThreeDecimals)
{
    EXPECT_EQ(formatScore(0.5), "0.5");
    EXPECT_EQ(formatScore(1.0), "1");
    EXPECT_EQ(formatScore(0.82349), "0.823");
    EXPECT_EQ(formatScore(0.0), "0");
}

// The window runs in the user's locale; a decimal comma must not reach the CSV or JSON.
TEST(OverlapReport, ScoresIgnoreTheLocalesDecimalComma)
{
    const std::string previous = std::setlocale(LC_NUMERIC, nullptr);
    bool commaLocale = false;
    for (const char *name : {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8"})
        commaLocale = commaLocale || std::setlocale(LC_NUMERIC, name) != nullptr;
    if (!commaLocale)
        GTEST_SKIP() << "no locale with a decimal comma is installed";
    const std::string score = formatScore(0.5);
    const std::string rounded = formatScore(0.82349);
    std::setlocale(LC_NUMERIC, previous.c_str());
    EXPECT_EQ(score, "0.5");
    EXPECT_EQ(rounded, "0.823");
}

TEST(Overlap, EmptyOddAndMalformedTextsAreHarmless)
{
    const Model model = makeModel(
        {{"a", {duty(""), duty("   ...  "), duty("\xff\xfe broken \xc3 utf-8 budget plan"),
                duty(std::string(20000, 'x')), duty("the of and to")}},
         {"b", {duty(""), duty("the of and to"), duty("\xff\xfe broken \xc3 utf-8 budget plan")}},
         {"c", {}}});
    const OverlapResult result = findOverlaps(model);
    // Only the two identical wordings with content overlap; empty and stop-word-only duties never.
    ASSERT_EQ(result.overlaps.size(), 1u);
    EXPECT_EQ(result.overlaps.front().a, (DutyRef{0, 2}));
    EXPECT_EQ(result.overlaps.front().b, (DutyRef{1, 2}));
}

namespace {

// A deterministic organisation of many roles whose duties draw on one shared vocabulary, mostly
// their department's topics, so that pairs at every score exist: generic verbs, purpose clauses,
// phrases and words of every frequency. No two duties have the same text.
Model randomOrganisation(int roles, unsigned seed)
{
    static const char *const verbs[] = {"Manage", "Prepare", "Review", "Coordinate", "Plan",
                                        "Audit", "Negotiate", "Design", "Ensure", "Analyse",
                                        "Schedule", "Recruit", "Monitor", "Train", "Forecast"};
    static const char *const nouns[] = {
        "budget", "invoices", "suppliers", "contracts", "payroll", "recruitment", "campaigns",
        "pricing", "inventory", "warehouse", "shipping", "customers", "complaints", "servers",
        "backups", "network", "security", "compliance", "training", "onboarding", "forecasts",
        "reports", "research", "market", "products", "releases", "testing", "quality",
        "maintenance", "equipment", "safety", "audits", "tax", "expenses", "travel", "events",
        "sponsorship", "press", "website", "content", "analytics", "data", "pipelines",
        "licences", "vendors", "procurement", "facilities", "leases", "insurance", "claims",
        "benefits", "pensions", "grants", "donors", "volunteers", "schools", "patients",
        "rosters", "shifts", "menus", "catering", "fleet", "vehicles", "fuel", "routes",
        "tenders", "bids", "prototypes", "patents", "samples", "laboratory", "archives"};
    constexpr int nounCount = std::size(nouns);
    unsigned state = seed;
    auto next = [&state](int bound) {
        state = state * 1664525u + 1013904223u;
        return static_cast<int>((state >> 8) % static_cast<unsigned>(bound));
    };
    // Skewed towards the first nouns of a range, so some words are common and most are rare.
    auto noun = [&](int first, int span) {
        const int r = next(span * span);
        int i = 0;
        while ((i + 1) * (i + 1) <= r)
            ++i;
        return nouns[(first + span - 1 - i) % nounCount];
    };

    Model model;
    model.organization.name = "Random";
    std::set<std::string> used;
    for (int r = 0; r < roles; ++r) {
        Role role;
        role.id = "role" + std::to_string(r);
        role.title = role.id;
        const int department = (r * 7) % 12;
        const int duties = 3 + next(4);
        while (static_cast<int>(role.responsibilities.size()) < duties) {
            std::string text = verbs[next(std::size(verbs))];
            const bool local = next(10) < 7;
            const int first = local ? department * 6 : 0;
            const int span = local ? 9 : nounCount;
            text += std::string(" ") + noun(first, span) + " " + noun(first, span);
            if (next(3) == 0)
                text += std::string(" and ") + noun(first, span);
            if (next(4) == 0)
                text += std::string(next(2) == 0 ? " for the " : " across the ")
                        + noun(0, nounCount) + " team";
            if (next(5) == 0)
                text += std::string(" to ensure ") + noun(0, nounCount) + " compliance";
            if (used.insert(text).second)
                role.responsibilities.push_back({text, {}, {}});
        }
        model.roles.push_back(std::move(role));
    }
    model.rebuildIndex();
    return model;
}

// 400 roles with wordings held by several roles, and tags, as real models have them.
Model organisationWithSharedWordingsAndTags()
{
    Model model = randomOrganisation(400, 5);
    for (RoleIndex r = 0; r + 9 < model.roleCount(); r += 9) {
        for (RoleIndex copy = r + 1; copy < r + 1 + (r % 5); ++copy)
            model.roles[copy].responsibilities.push_back(model.role(r).responsibilities[0]);
        model.roles[r].responsibilities[1].tags = {"tag" + std::to_string(r % 4)};
    }
    model.rebuildIndex();
    return model;
}

// The same overlaps, role pairs and generic clusters, to the bit.
void expectSameResult(const OverlapResult &actual, const OverlapResult &expected)
{
    ASSERT_EQ(actual.overlaps.size(), expected.overlaps.size());
    for (size_t i = 0; i < expected.overlaps.size(); ++i) {
        EXPECT_EQ(actual.overlaps[i].a, expected.overlaps[i].a);
        EXPECT_EQ(actual.overlaps[i].b, expected.overlaps[i].b);
        EXPECT_EQ(actual.overlaps[i].kind, expected.overlaps[i].kind);
        EXPECT_EQ(actual.overlaps[i].reason, expected.overlaps[i].reason);
        EXPECT_EQ(actual.overlaps[i].score, expected.overlaps[i].score);
        EXPECT_EQ(actual.overlaps[i].terms, expected.overlaps[i].terms);
    }
    ASSERT_EQ(actual.rolePairs.size(), expected.rolePairs.size());
    for (size_t i = 0; i < expected.rolePairs.size(); ++i) {
        EXPECT_EQ(actual.rolePairs[i].a, expected.rolePairs[i].a);
        EXPECT_EQ(actual.rolePairs[i].b, expected.rolePairs[i].b);
        EXPECT_EQ(actual.rolePairs[i].matchedA, expected.rolePairs[i].matchedA);
        EXPECT_EQ(actual.rolePairs[i].matchedB, expected.rolePairs[i].matchedB);
        EXPECT_EQ(actual.rolePairs[i].coverageA, expected.rolePairs[i].coverageA);
        EXPECT_EQ(actual.rolePairs[i].coverageB, expected.rolePairs[i].coverageB);
        EXPECT_EQ(actual.rolePairs[i].score, expected.rolePairs[i].score);
        EXPECT_EQ(actual.rolePairs[i].shared, expected.rolePairs[i].shared);
    }
    ASSERT_EQ(actual.genericDuties.size(), expected.genericDuties.size());
    for (size_t i = 0; i < expected.genericDuties.size(); ++i) {
        EXPECT_EQ(actual.genericDuties[i].text, expected.genericDuties[i].text);
        EXPECT_EQ(actual.genericDuties[i].byTag, expected.genericDuties[i].byTag);
        EXPECT_EQ(actual.genericDuties[i].duties, expected.genericDuties[i].duties);
        EXPECT_EQ(actual.genericDuties[i].roleCount, expected.genericDuties[i].roleCount);
    }
}

// What WHOLE holds that the three filters keep, in its order.
template<typename KeepOverlap, typename KeepPair, typename KeepCluster>
OverlapResult partOf(const OverlapResult &whole, KeepOverlap keepOverlap, KeepPair keepPair,
                     KeepCluster keepCluster)
{
    OverlapResult part;
    part.threshold = whole.threshold;
    std::copy_if(whole.overlaps.begin(), whole.overlaps.end(), std::back_inserter(part.overlaps),
                 keepOverlap);
    std::copy_if(whole.rolePairs.begin(), whole.rolePairs.end(),
                 std::back_inserter(part.rolePairs), keepPair);
    std::copy_if(whole.genericDuties.begin(), whole.genericDuties.end(),
                 std::back_inserter(part.genericDuties), keepCluster);
    return part;
}

} // namespace

// Candidate generation (prefix filtering, pruning bounds, threads) must not lose or invent a
// pair: the result equals scoring every pair of duties of different roles.
TEST(Overlap, FindsExactlyThePairsThatScoringEveryPairFinds)
{
    const Model model = randomOrganisation(160, 7);
    std::vector<std::string> corpus;
    std::vector<DutyRef> duties;
    for (RoleIndex r = 0; r < model.roleCount(); ++r) {
        for (size_t i = 0; i < model.role(r).responsibilities.size(); ++i) {
            corpus.push_back(model.role(r).responsibilities[i].text);
            duties.push_back({r, static_cast<int>(i)});
        }
    }
    const DutySimilarity similarity(corpus);
    auto textOf = [&](DutyRef d) { return model.role(d.role).responsibilities[d.index].text; };
    // Duties whose terms are the same once normalised ("Analyse ..." and "Review ...": one verb
    // class) are the same wording, score 1.
    TextNormalizer normalizer;
    std::vector<std::vector<std::tuple<std::string, TermRole, float>>> signatures;
    for (const std::string &text : corpus) {
        auto &signature = signatures.emplace_back();
        for (const TextTerm &t : normalizer.terms(text))
            signature.emplace_back(t.key, t.role, t.emphasis);
        std::sort(signature.begin(), signature.end());
    }
    struct Expected
    {
        std::pair<DutyRef, DutyRef> pair;
        DutySimilarity::Match match;
        bool sameText = false;
    };
    std::vector<Expected> all;
    for (size_t i = 0; i < duties.size(); ++i) {
        for (size_t j = i + 1; j < duties.size(); ++j) {
            if (duties[i].role != duties[j].role) {
                all.push_back({{duties[i], duties[j]}, similarity.compare(corpus[i], corpus[j]),
                               signatures[i] == signatures[j]});
            }
        }
    }
    OverlapOptions options;
    options.maxRolesPerDuty = 1000000;
    options.maxMatchesPerDuty = 1000000;
    for (double threshold : {0.2, 0.35, 0.5, 0.65}) {
        SCOPED_TRACE(threshold);
        options.minScore = threshold;
        const OverlapResult result = findOverlaps(model, options);
        std::map<std::pair<DutyRef, DutyRef>, const DutyOverlap *> found;
        for (const DutyOverlap &o : result.overlaps)
            found[{o.a, o.b}] = &o;
        size_t matched = 0;
        size_t sameText = 0;
        for (const auto &[pair, match, same] : all) {
            const auto it = found.find(pair);
            if (same) {
                ASSERT_TRUE(it != found.end());
                EXPECT_EQ(it->second->reason, MatchReason::SameText);
                EXPECT_EQ(it->second->score, 1.0);
                ++matched;
                ++sameText;
                continue;
            }
            // A score within rounding of the threshold may fall either way.
            if (std::abs(match.score - threshold) < 1e-9) {
                matched += it != found.end();
                continue;
            }
            const std::string texts = '"' + textOf(pair.first) + "\" / \"" + textOf(pair.second)
                                      + '"';
            if (match.score < threshold) {
                EXPECT_TRUE(it == found.end()) << texts;
                continue;
            }
            ASSERT_TRUE(it != found.end()) << texts << " " << match.score;
            ++matched;
            EXPECT_NEAR(it->second->score, match.score, 1e-9) << texts;
        }
        EXPECT_EQ(found.size(), matched);
        // The model does have overlaps at this threshold, most of them differently worded.
        EXPECT_GT(matched, 20 + 2 * sameText);
    }
}

// Asking for some roles only must give exactly what the whole analysis says about them:
// their overlaps, their role pairs, and the generic clusters that hold their duties, including
// clusters of a partner that is generic because of its matches elsewhere. So must an
// OverlapIndex, asked for one set of roles after another.
TEST(Overlap, FocusRolesGetExactlyTheirPartOfTheWholeAnalysis)
{
    const Model model = organisationWithSharedWordingsAndTags();
    auto involves = [](const std::vector<RoleIndex> &roles, RoleIndex role) {
        return std::find(roles.begin(), roles.end(), role) != roles.end();
    };
    for (const auto &[maxRoles, maxMatches] : {std::pair{40, 200}, std::pair{3, 8}}) {
        OverlapOptions options;
        options.minScore = 0.4;
        options.maxRolesPerDuty = maxRoles;
        options.maxMatchesPerDuty = maxMatches;
        const OverlapResult whole = findOverlaps(model, options);
        ASSERT_FALSE(whole.overlaps.empty());
        // The smaller limits make generic clusters, of wordings and of tags.
        ASSERT_EQ(whole.genericDuties.empty(), maxRoles == 40);
        OverlapIndex index(model, options);
        ASSERT_TRUE(index.isComplete());
        for (const auto &[roles, byIndex] :
             {std::pair{std::vector<RoleIndex>{0}, false}, {{0}, true}, {{17}, true},
              {{17}, false}, {{9, 10, 11}, false}, {{9, 10, 11}, true},
              {{399, 3, 250, 251}, true}, {{399, 3, 250, 251}, false}}) {
            SCOPED_TRACE(testing::Message() << maxMatches << " matches, roles " << roles[0]
                                            << (byIndex ? ", by the index" : ""));
            options.roles = roles;
            const OverlapResult part = byIndex ? index.find(roles) : findOverlaps(model, options);
            auto eitherIs = [&](RoleIndex a, RoleIndex b) {
                return involves(roles, a) || involves(roles, b);
            };
            expectSameResult(
                part,
                partOf(
                    whole, [&](const DutyOverlap &o) { return eitherIs(o.a.role, o.b.role); },
                    [&](const RolePairOverlap &p) { return eitherIs(p.a, p.b); },
                    [&](const GenericDutyCluster &c) {
                        return std::any_of(c.duties.begin(), c.duties.end(),
                                           [&](const DutyRef &d) { return involves(roles, d.role); });
                    }));
        }
        // With no roles, the index answers for all of them; cancelled, for none.
        const OverlapResult all = index.find({});
        EXPECT_EQ(all.overlaps.size(), whole.overlaps.size());
        EXPECT_EQ(all.rolePairs.size(), whole.rolePairs.size());
        const std::atomic<bool> cancelled = true;
        EXPECT_TRUE(index.find({0}, &cancelled).overlaps.empty());
        EXPECT_FALSE(index.find({0}).overlaps.empty());

        // Its last answer, for every role, is the whole analysis to the bit; then it has none.
        expectSameResult(index.findAllOnce(), whole);
        EXPECT_FALSE(index.isComplete());
        EXPECT_TRUE(index.find({0}).overlaps.empty());
        EXPECT_TRUE(index.findAllOnce().overlaps.empty());
    }
}

// What a few roles need of a large result, found through OverlapsByRole, is exactly what the
// whole result says about them: the overlaps and role pairs between two of them, the generic
// clusters they share, and the role-pair scores of every role against one.
TEST(Overlap, ByRoleGivesWhatTheWholeResultSaysAboutAFewRoles)
{
    const Model model = organisationWithSharedWordingsAndTags();
    OverlapOptions options;
    options.minScore = 0.4;
    options.maxRolesPerDuty = 3;
    options.maxMatchesPerDuty = 8;
    const OverlapResult whole = findOverlaps(model, options);
    ASSERT_FALSE(whole.rolePairs.empty());
    ASSERT_FALSE(whole.genericDuties.empty());
    const OverlapsByRole byRole(model, whole);

    const GenericDutyCluster &cluster = whole.genericDuties.front();
    const std::vector<std::vector<RoleIndex>> roleSets = {
        {whole.rolePairs[0].b, whole.rolePairs[0].a},
        {whole.rolePairs[5].a, whole.rolePairs[5].b, whole.rolePairs[9].a, whole.rolePairs[9].b},
        {cluster.duties.front().role, cluster.duties.back().role, 17},
        {9, 10, 11, 10},
        {17},
        {},
    };
    size_t pairsSeen = 0;
    size_t clustersSeen = 0;
    for (const std::vector<RoleIndex> &roles : roleSets) {
        SCOPED_TRACE(testing::Message() << roles.size() << " roles");
        auto isAmong = [&](RoleIndex role) {
            return std::find(roles.begin(), roles.end(), role) != roles.end();
        };
        const OverlapResult part = byRole.among(model, whole, roles);
        expectSameResult(
            part, partOf(
                      whole,
                      [&](const DutyOverlap &o) { return isAmong(o.a.role) && isAmong(o.b.role); },
                      [&](const RolePairOverlap &p) { return isAmong(p.a) && isAmong(p.b); },
                      [&](const GenericDutyCluster &c) {
                          std::set<RoleIndex> held;
                          for (const DutyRef &d : c.duties) {
                              if (isAmong(d.role))
                                  held.insert(d.role);
                          }
                          return held.size() > 1;
                      }));
        pairsSeen += part.rolePairs.size();
        clustersSeen += part.genericDuties.size();
    }
    EXPECT_GE(pairsSeen, 3u);
    EXPECT_GE(clustersSeen, 1u);

    for (RoleIndex role = 0; role < model.roleCount(); role += 7) {
        SCOPED_TRACE(role);
        EXPECT_EQ(byRole.scoresAgainst(model, whole, role),
                  rolePairScoresAgainst(whole, role, model.roleCount()));
    }
}

// A reopened file's duties need not be read again: what one run read is read back by the
// next, for the same duties only, and anything else given in their place is ignored.
TEST(Overlap, DutiesReadOnceAreReadBackForTheSameDutiesOnly)
{
    Model model = randomOrganisation(400, 5);
    model.overlapSettings.synonyms = {{"budget", "expenses"}};
    for (RoleIndex r = 0; r + 9 < model.roleCount(); r += 9)
        model.roles[r + 1].responsibilities.push_back(model.role(r).responsibilities[0]);
    model.rebuildIndex();
    OverlapOptions options;
    options.minScore = 0.4;
    std::string prepared;
    options.preparedDutiesOut = &prepared;
    const OverlapResult whole = findOverlaps(model, options);
    ASSERT_FALSE(whole.overlaps.empty());
    ASSERT_FALSE(prepared.empty());

    // Read back: the same result, and nothing made again.
    options.preparedDuties = prepared;
    std::string madeAgain;
    options.preparedDutiesOut = &madeAgain;
    expectSameResult(findOverlaps(model, options), whole);
    EXPECT_TRUE(madeAgain.empty());
    OverlapIndex index(model, options);
    EXPECT_TRUE(madeAgain.empty());
    OverlapOptions forRoles;
    forRoles.minScore = 0.4;
    forRoles.roles = {17, 250};
    expectSameResult(index.find({17, 250}), findOverlaps(model, forRoles));

    // Damaged, cut short or foreign bytes: the duties are read afresh.
    std::string flipped = prepared;
    flipped[flipped.size() / 2] ^= 0x20;
    for (const std::string &bytes : {flipped, prepared.substr(0, prepared.size() - 1),
                                     prepared + "x", std::string("RSDUTIES"), std::string()}) {
        SCOPED_TRACE(bytes.size());
        options.preparedDuties = bytes;
        madeAgain.clear();
        expectSameResult(findOverlaps(model, options), whole);
        EXPECT_EQ(madeAgain, prepared);
    }

    // Other duties, or other synonym groups, are not these: their own terms are made.
    options.preparedDuties = prepared;
    Model reworded = model;
    reworded.roles[3].responsibilities[0].text = "Negotiate catering tenders";
    reworded.rebuildIndex();
    Model otherSynonyms = model;
    otherSynonyms.overlapSettings.synonyms = {{"budget", "forecasts"}};
    for (const Model *other : {&reworded, &otherSynonyms}) {
        madeAgain.clear();
        OverlapOptions fresh;
        fresh.minScore = 0.4;
        expectSameResult(findOverlaps(*other, options), findOverlaps(*other, fresh));
        EXPECT_FALSE(madeAgain.empty());
        EXPECT_NE(madeAgain, prepared);
    }
}

// The window shows a progress bar while a large analysis runs on another thread.
TEST(Overlap, ProgressOnlyRisesAndReachesTheEnd)
{
    const Model model = randomOrganisation(3000, 11);
    std::atomic<int> progress = 0;
    std::atomic<bool> done = false;
    std::vector<int> seen;
    std::thread watcher([&] {
        while (!done) {
            seen.push_back(progress.load());
            std::this_thread::sleep_for(std::chrono::microseconds(100));
        }
    });
    OverlapOptions options;
    options.progress = &progress;
    const OverlapResult result = findOverlaps(model, options);
    done = true;
    watcher.join();
    EXPECT_FALSE(result.overlaps.empty());
    EXPECT_EQ(progress.load(), 1000);
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
    EXPECT_TRUE(std::any_of(seen.begin(), seen.end(), [](int p) { return p > 0 && p < 1000; }));

    // Building an index is a whole task of its own (the window shows how far it has got);
    // the whole analysis asked of it last goes on from the share the building did.
    progress = 0;
    OverlapIndex index(model, options);
    EXPECT_EQ(progress.load(), 1000);
    std::atomic<int> lastProgress = 0;
    EXPECT_EQ(index.findAllOnce(nullptr, &lastProgress).overlaps.size(), result.overlaps.size());
    EXPECT_EQ(lastProgress.load(), 1000);
}

TEST(Overlap, CancellingAtAnyMomentGivesEverythingOrNothing)
{
    // A cancel lands wherever the work happens to be; no phase may go on with the half-built
    // results of one cut short (the sanitizer build checks that nothing reads past them).
    const Model model = randomOrganisation(3000, 11);
    const OverlapResult full = findOverlaps(model);
    ASSERT_FALSE(full.overlaps.empty());
    for (const int delayUs : {0, 200, 1000, 3000, 10000, 30000}) {
        std::atomic<bool> cancelled = false;
        OverlapOptions options;
        options.cancelled = &cancelled;
        std::thread canceller([&cancelled, delayUs] {
            std::this_thread::sleep_for(std::chrono::microseconds(delayUs));
            cancelled = true;
        });
        const OverlapResult result = findOverlaps(model, options);
        canceller.join();
        EXPECT_TRUE(result.overlaps.empty() || result.overlaps.size() == full.overlaps.size())
            << "after " << delayUs << " us: " << result.overlaps.size();
    }
}
