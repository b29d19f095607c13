#include "tests/bench/orggenerator.h"

#include "tests/bench/rng.h"
#include "tests/bench/vocabulary.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <set>
#include <unordered_map>

namespace rolescope::bench {

namespace {

constexpr int MinReports = 3;
constexpr int MaxReports = 12;

std::string slug(const std::string &text)
{
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c))
            out += char(std::tolower(c));
        else if (!out.empty() && out.back() != '-')
            out += '-';
    }
    while (!out.empty() && out.back() == '-')
        out.pop_back();
    return out;
}

std::string hslColor(double hue, double saturation, double lightness)
{
    const double c = (1 - std::abs(2 * lightness - 1)) * saturation;
    const double h = std::fmod(hue, 360.0) / 60.0;
    const double x = c * (1 - std::abs(std::fmod(h, 2.0) - 1));
    double r = 0, g = 0, b = 0;
    if (h < 1)
        r = c, g = x;
    else if (h < 2)
        r = x, g = c;
    else if (h < 3)
        g = c, b = x;
    else if (h < 4)
        g = x, b = c;
    else if (h < 5)
        r = x, b = c;
    else
        r = c, b = x;
    const double m = lightness - c / 2;
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", int(std::lround((r + m) * 255)),
                  int(std::lround((g + m) * 255)), int(std::lround((b + m) * 255)));
    return buf;
}

class OrgBuilder
{
public:
    OrgBuilder(const OrgOptions &options)
        : m_rng(options.seed)
        , m_total(std::max(options.roles, 1))
    {
        // Levels grow slowly with size (1,000 roles: 6, 10,000: 8, 100,000 and more: 10),
        // but a chain of managers with 3 reports each needs 3 roles per level.
        m_levels = std::clamp(int(std::log10(double(m_total)) * 2 + 0.5), 6, 10);
        m_levels = std::min(m_levels, (m_total - 1) / MinReports + 1);
        m_levels = std::max(m_levels, std::min(m_total, 2));
        // m_capacity[l]: the most roles that fit below a manager with l levels under it.
        m_capacity.assign(size_t(m_levels) + 1, 0);
        for (size_t l = 1; l < m_capacity.size(); ++l)
            m_capacity[l] = MaxReports * (1 + m_capacity[l - 1]);
        const int digits = int(std::to_string(m_total).size());
        m_idFormat = "r%0" + std::to_string(digits) + "d";
    }

    Model build(std::uint64_t seed)
    {
        m_model.organization.name = "Northbridge Group";
        m_model.organization.description = "Synthetic organisation of " + std::to_string(m_total)
                                           + " roles (rolescope-gen, seed "
                                           + std::to_string(seed) + ")";
        m_model.roles.reserve(size_t(m_total));
        addDepartment("executive", "Executive Office", hslColor(220, 0.15, 0.35));

        Context top{-1, "executive", "Executive Office", {}};
        const RoleIndex ceo = addRole("Chief Executive Officer", top, NoRole, 0, true);
        grow(ceo, m_total - 1, 0, top);
        m_model.rebuildIndex();
        return std::move(m_model);
    }

private:
    struct Context
    {
        int profile; // index into the vocabulary's departments; -1 for the executive office
        std::string department;
        std::string unit;
        std::vector<Vocabulary::Duty> teamDuties; // duties the manager's reports share
    };

    const DepartmentProfile &profile(const Context &context) const
    {
        // The executive office works on strategy.
        const auto &profiles = m_vocabulary.departments();
        return context.profile < 0 ? profiles.back()
                                   : profiles[size_t(context.profile) % profiles.size()];
    }

    double hueOf(int profileIndex) const
    {
        return double(profileIndex) * 360.0 / double(m_vocabulary.departments().size()) + 360.0;
    }

    void addDepartment(const std::string &id, const std::string &name, const std::string &color)
    {
        m_model.departments.push_back({id, name, color, {}});
    }

    // Chooses how many of BUDGET roles report directly to a manager at DEPTH, and how many
    // roles each of them leads in turn; every manager gets 3 to 12 reports.
    std::vector<long long> splitBudget(long long budget, int depth)
    {
        const int levelsBelow = m_levels - 1 - depth;
        if (levelsBelow <= 1 || budget < MinReports)
            return std::vector<long long>(size_t(budget), 0);
        const long long childCapacity = m_capacity[size_t(levelsBelow - 1)];
        const long long minK = std::max<long long>(
            MinReports, (budget + childCapacity) / (childCapacity + 1));
        const long long maxK = std::min<long long>(MaxReports, budget);
        double ideal = std::pow(double(budget), 1.0 / levelsBelow) * (0.75 + 0.75 * m_rng.real());
        if (depth == 0)
            ideal = m_rng.between(6, 10); // an executive team
        long long k = std::clamp<long long>(std::llround(ideal), minK, maxK);
        long long rest = budget - k;
        // A manager below needs at least 3 reports, so 1 or 2 roles left over cannot be led.
        if (rest == 1 || rest == 2) {
            if (k + rest <= MaxReports)
                k += rest;
            else
                k = budget - MinReports;
            rest = budget - k;
        }
        std::vector<long long> budgets(size_t(k), 0);
        if (rest == 0)
            return budgets;

        // m reports become managers: each gets 3 roles, the rest is shared out unevenly.
        const long long minM = (rest + childCapacity - 1) / childCapacity;
        const long long maxM = std::min(k, rest / MinReports);
        // Which share of the reports lead teams themselves: most near the top, fewer lower down
        // (clamped to what the budget needs), for about 7 reports per manager on average.
        const double share = depth <= 1 ? 0.6 + 0.4 * m_rng.real() : 1.3 * m_rng.real();
        const long long m = std::clamp<long long>(std::llround(double(k) * share), minM, maxM);
        std::vector<double> weights(static_cast<size_t>(m));
        double weightSum = 0;
        for (double &w : weights)
            weightSum += (w = std::exp(0.9 * m_rng.normal()));
        std::vector<long long> managed(size_t(m), MinReports);
        long long extra = rest - MinReports * m;
        long long given = 0;
        for (size_t i = 0; i < managed.size(); ++i) {
            const long long add = std::min(childCapacity - MinReports,
                                           (long long)(double(extra) * weights[i] / weightSum));
            managed[i] += add;
            given += add;
        }
        // Rounding and capacity leave a little over: fill up in order, within capacity.
        for (size_t i = 0; given < extra; i = (i + 1) % managed.size()) {
            const long long add = std::min(extra - given, childCapacity - managed[i]);
            managed[i] += add;
            given += add;
        }
        // Managers sit anywhere among their peers.
        std::vector<size_t> slots(static_cast<size_t>(k));
        for (size_t i = 0; i < slots.size(); ++i)
            slots[i] = i;
        for (size_t i = slots.size(); i > 1; --i)
            std::swap(slots[i - 1], slots[m_rng.below(i)]);
        for (size_t i = 0; i < managed.size(); ++i)
            budgets[slots[i]] = managed[i];
        return budgets;
    }

    void grow(RoleIndex manager, long long budget, int depth, Context &context)
    {
        if (budget == 0)
            return;
        const std::vector<long long> budgets = splitBudget(budget, depth);
        const DepartmentProfile &dept = profile(context);
        // Most of a team shares one or two job titles.
        const std::string teamJob = m_rng.pick(dept.jobs);
        for (long long childBudget : budgets) {
            Context child{context.profile, context.department, context.unit, {}};
            const bool isManager = childBudget > 0;
            std::string title;
            if (depth == 0) {
                if (isManager) {
                    child.profile = m_nextProfile++;
                    const DepartmentProfile &p = profile(child);
                    child.department = p.id;
                    child.unit = p.name;
                    addDepartment(p.id, p.name,
                                  hslColor(hueOf(child.profile), 0.55, 0.42));
                    title = p.headTitle;
                } else {
                    title = m_rng.chance(0.5) ? "Chief of Staff" : "Executive Assistant";
                }
            } else if (isManager) {
                const DepartmentProfile &p = profile(child);
                if (depth == 1 || m_rng.chance(0.15))
                    child.unit = m_rng.pick(p.units);
                if (depth == 1 && childBudget >= std::max(25, m_total / 300)) {
                    std::string id = p.id + "-" + slug(child.unit);
                    std::string name = child.unit;
                    for (int n = 2; m_departmentIds.contains(id); ++n) {
                        id = p.id + "-" + slug(child.unit) + "-" + std::to_string(n);
                        name = child.unit + " " + std::to_string(n);
                    }
                    m_departmentIds.insert(id);
                    child.department = id;
                    addDepartment(id, name,
                                  hslColor(hueOf(child.profile) + m_rng.between(-12, 12), 0.45,
                                           0.45 + 0.15 * m_rng.real()));
                }
                if (childBudget >= 200)
                    title = (m_rng.chance(0.3) ? "Senior Director, " : "Director, ") + child.unit;
                else if (childBudget >= 40)
                    title = m_rng.chance(0.3) ? "Head of " + child.unit : child.unit + " Manager";
                else
                    title = child.unit + (m_rng.chance(0.6) ? " Team Lead" : " Supervisor");
            } else {
                static const char *levels[] = {"Junior ", "", "", "", "Senior ", "Senior ",
                                               "Lead ", "Principal "};
                title = levels[m_rng.below(std::size(levels))]
                        + (m_rng.chance(0.6) ? teamJob : m_rng.pick(dept.jobs));
            }
            const RoleIndex role = addRole(title, child, manager, depth + 1, isManager,
                                           &context);
            grow(role, childBudget, depth + 1, child);
        }
    }

    RoleIndex addRole(std::string title, Context &self, RoleIndex manager, int depth,
                      bool isManager, Context *team = nullptr)
    {
        const RoleIndex index = RoleIndex(m_model.roles.size());
        Role role;
        char id[32];
        std::snprintf(id, sizeof id, m_idFormat.c_str(), index + 1);
        role.id = id;
        role.title = std::move(title);
        if (manager != NoRole)
            role.reportsTo = m_model.roles[size_t(manager)].id;
        role.department = self.department;
        if (!m_rng.chance(0.04)) {
            role.holders.push_back(m_vocabulary.personName(m_rng));
            if (m_rng.chance(0.015))
                role.holders.push_back(m_vocabulary.personName(m_rng));
        }
        addDottedLine(role, manager, depth);
        addDuties(role, self, isManager, team);
        if (isManager)
            m_managers.push_back({index, depth});
        m_model.roles.push_back(std::move(role));
        return index;
    }

    void addDottedLine(Role &role, RoleIndex manager, int depth)
    {
        if (depth < 2 || !m_rng.chance(0.03))
            return;
        // A manager higher up, so dotted lines never form a loop with the tree.
        for (int attempt = 0; attempt < 8; ++attempt) {
            const auto [candidate, candidateDepth] = m_rng.pick(m_managers);
            if (candidate != manager && candidateDepth < depth) {
                role.alsoReportsTo.push_back(m_model.roles[size_t(candidate)].id);
                return;
            }
        }
    }

    void addDuties(Role &role, Context &self, bool isManager, Context *team)
    {
        const DepartmentProfile &dept = profile(self);
        const size_t count = size_t(m_rng.between(5, 10));
        std::vector<std::string> texts;
        auto add = [&texts, count](std::string text) {
            if (texts.size() < count && std::find(texts.begin(), texts.end(), text) == texts.end())
                texts.push_back(std::move(text));
        };
        if (isManager) {
            const int n = m_rng.between(0, 2);
            for (int i = 0; i < n; ++i)
                add(m_vocabulary.managerDuty(m_rng, self.unit));
            // The duties this manager's team will share.
            const int teamSize = m_rng.between(5, 9);
            for (int i = 0; i < teamSize; ++i)
                self.teamDuties.push_back(m_vocabulary.duty(m_rng, dept));
        }
        if (team && !team->teamDuties.empty()) {
            const int shared = isManager ? m_rng.between(0, 1) : m_rng.between(1, 4);
            for (int i = 0; i < shared; ++i) {
                const Vocabulary::Duty &d = m_rng.pick(team->teamDuties);
                add(m_rng.chance(0.35) ? d.core + m_vocabulary.tail(m_rng, dept) : d.text());
            }
        }
        if (self.profile >= 0 && m_rng.chance(0.4))
            add(departmentDuty(self.profile));
        // Company-wide duties; some files tag them with the company's duty id.
        static const char *companyTags[] = {"health-and-safety", "compliance-training",
                                            "time-recording", "confidentiality",
                                            "incident-reporting", "personal-objectives",
                                            "code-of-conduct", "expenses"};
        std::string companyTag;
        if (m_rng.chance(0.25)) {
            const auto &company = m_vocabulary.companyDuties();
            const size_t rank = m_companyDutyRank.sample(m_rng) % company.size();
            add(company[rank]);
            if (m_rng.chance(0.1))
                companyTag = companyTags[rank % std::size(companyTags)];
        }
        for (int guard = 0; texts.size() < count && guard < 100; ++guard)
            add(m_vocabulary.duty(m_rng, dept).text());

        const auto &company = m_vocabulary.companyDuties();
        for (std::string &text : texts) {
            Responsibility duty;
            duty.text = std::move(text);
            if (!companyTag.empty()
                && std::find(company.begin(), company.end(), duty.text) != company.end())
                duty.tags.push_back(companyTag);
            role.responsibilities.push_back(std::move(duty));
        }
    }

    // Each department has a list of standard duties (copied between job descriptions).
    std::string departmentDuty(int profileIndex)
    {
        auto &pool = m_departmentDuties[profileIndex];
        if (pool.empty()) {
            for (int i = 0; i < 40; ++i)
                pool.push_back(m_vocabulary.duty(m_rng, profile({profileIndex, {}, {}, {}}))
                                   .text());
        }
        return pool[m_departmentDutyRank.sample(m_rng)];
    }

    Vocabulary m_vocabulary;
    Rng m_rng;
    int m_total;
    int m_levels = 6;
    std::vector<long long> m_capacity;
    std::string m_idFormat;
    Model m_model;
    int m_nextProfile = 0;
    std::set<std::string> m_departmentIds;
    std::vector<std::pair<RoleIndex, int>> m_managers; // with their depth
    std::unordered_map<int, std::vector<std::string>> m_departmentDuties;
    ZipfSampler m_departmentDutyRank{40, 1.1};
    ZipfSampler m_companyDutyRank{8, 1.0};
};

} // namespace

Model generateOrg(const OrgOptions &options)
{
    return OrgBuilder(options).build(options.seed);
}

OrgStats measureOrg(const Model &model)
{
    OrgStats stats;
    stats.roles = model.roleCount();
    stats.departments = int(model.departments.size());
    stats.minReports = stats.roles;
    stats.minDuties = stats.roles ? 1 << 30 : 0;
    std::unordered_map<std::string, long long> words;
    long long dutyChars = 0;
    long long wordCount = 0;
    for (RoleIndex i = 0; i < model.roleCount(); ++i) {
        const Role &role = model.role(i);
        stats.levels = std::max(stats.levels, model.depthOf(i) + 1);
        const int reports = int(model.childrenOf(i).size());
        if (reports > 0) {
            ++stats.managers;
            stats.minReports = std::min(stats.minReports, reports);
            stats.maxReports = std::max(stats.maxReports, reports);
        }
        stats.dottedLines += int(role.alsoReportsTo.size());
        stats.vacant += role.isVacant() ? 1 : 0;
        const int duties = int(role.responsibilities.size());
        stats.duties += duties;
        stats.minDuties = std::min(stats.minDuties, duties);
        stats.maxDuties = std::max(stats.maxDuties, duties);
        for (const Responsibility &duty : role.responsibilities) {
            dutyChars += (long long)duty.text.size();
            std::string word;
            for (char c : duty.text + " ") {
                if (std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80) || c == '-') {
                    word += char(std::tolower(static_cast<unsigned char>(c)));
                } else if (!word.empty()) {
                    ++words[word];
                    ++wordCount;
                    word.clear();
                }
            }
        }
    }
    if (stats.managers == 0)
        stats.minReports = 0;
    stats.meanDutyLength = stats.duties ? double(dutyChars) / double(stats.duties) : 0;
    stats.distinctWords = words.size();
    std::vector<long long> counts;
    for (const auto &[word, count] : words)
        counts.push_back(count);
    std::sort(counts.rbegin(), counts.rend());
    long long top = 0;
    for (size_t i = 0; i < std::max<size_t>(1, counts.size() / 100) && i < counts.size(); ++i)
        top += counts[i];
    stats.topWordShare = wordCount ? double(top) / double(wordCount) : 0;
    return stats;
}

} // namespace rolescope::bench
