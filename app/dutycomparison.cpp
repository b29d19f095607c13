#include "app/dutycomparison.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <optional>
#include <utility>

namespace rolescope {

class DisjointSets
{
public:
    explicit DisjointSets(int size)
        : m_parent(static_cast<size_t>(size))
    {
        std::iota(m_parent.begin(), m_parent.end(), 0);
    }

    int find(int at)
    {
        while (m_parent[static_cast<size_t>(at)] != at) {
            auto &parent = m_parent[static_cast<size_t>(at)];
            parent = m_parent[static_cast<size_t>(parent)];
            at = parent;
        }
        return at;
    }

    void unite(int a, int b) { m_parent[static_cast<size_t>(find(a))] = find(b); }

private:
    std::vector<int> m_parent;
};

DutyComparison::DutyComparison(const Model &model, const OverlapResult &overlaps,
                               std::vector<RoleIndex> roles)
{
    for (const RoleIndex role : roles) {
        if (role >= 0 && role < model.roleCount()
            && std::find(m_roles.begin(), m_roles.end(), role) == m_roles.end()) {
            m_roles.push_back(role);
        }
    }
    m_offsets.push_back(0);
    for (const RoleIndex role : m_roles) {
        m_offsets.push_back(m_offsets.back()
                            + static_cast<int>(model.role(role).responsibilities.size()));
    }
    m_dutyGroup.assign(static_cast<size_t>(m_offsets.back()), -1);
    m_unique.resize(m_roles.size());
    if (m_roles.size() < 2) {
        for (size_t column = 0; column < m_roles.size(); ++column) {
            m_unique[column].resize(model.role(m_roles[column]).responsibilities.size());
            std::iota(m_unique[column].begin(), m_unique[column].end(), 0);
        }
        return;
    }

    for (const DutyOverlap &overlap : overlaps.overlaps) {
        const int columnA = columnOf(overlap.a.role);
        const int columnB = columnOf(overlap.b.role);
        if (columnA < 0 || columnB < 0 || columnA == columnB)
            continue;
        m_links.push_back({columnA, overlap.a.index, columnB, overlap.b.index, overlap.kind,
                           overlap.reason, overlap.score, overlap.terms});
    }
    // A duty held by very many roles is reported as one cluster instead of as pairs; between
    // the compared roles it is still the same work.
    for (const GenericDutyCluster &cluster : overlaps.genericDuties) {
        std::vector<std::pair<int, int>> members;
        for (const DutyRef &duty : cluster.duties) {
            const int column = columnOf(duty.role);
            if (column >= 0)
                members.emplace_back(column, duty.index);
        }
        const MatchedTerms terms = std::vector<std::string>{cluster.text};
        for (size_t i = 0; i < members.size(); ++i) {
            for (size_t j = i + 1; j < members.size(); ++j) {
                if (members[i].first == members[j].first)
                    continue;
                m_links.push_back({members[i].first, members[i].second, members[j].first,
                                   members[j].second,
                                   cluster.byTag ? OverlapKind::Tag : OverlapKind::Text,
                                   cluster.byTag ? MatchReason::SameTag : MatchReason::SameText,
                                   1.0, terms});
            }
        }
    }

    DisjointSets sets(m_offsets.back());
    std::vector<bool> linked(static_cast<size_t>(m_offsets.back()), false);
    joinBestMatches(sets, linked, [](const Link &) { return true; });

    std::map<int, int> groupOfRoot;
    for (int column = 0; column < columnCount(); ++column) {
        for (int duty = 0; slot(column, duty) < m_offsets[static_cast<size_t>(column) + 1]; ++duty) {
            const int at = slot(column, duty);
            if (!linked[static_cast<size_t>(at)]) {
                m_unique[static_cast<size_t>(column)].push_back(duty);
                continue;
            }
            // Columns and duties are visited in reading order, so groups are created in it.
            const auto [it, inserted] = groupOfRoot.try_emplace(sets.find(at),
                                                                static_cast<int>(m_groups.size()));
            if (inserted) {
                m_groups.emplace_back();
                m_groups.back().duties.resize(m_roles.size());
            }
            m_groups[static_cast<size_t>(it->second)].duties[static_cast<size_t>(column)].push_back(duty);
            m_dutyGroup[static_cast<size_t>(at)] = it->second;
        }
    }
    for (const Link &link : m_links) {
        ComparisonGroup &group = m_groups[static_cast<size_t>(
            m_dutyGroup[static_cast<size_t>(slot(link.columnA, link.dutyA))])];
        group.bestScore = std::max(group.bestScore, link.score);
    }

    // Colours follow the model order of each group's first duty, not the column order, so
    // reordering or closing columns does not repaint the groups that stay.
    std::vector<std::pair<DutyRef, size_t>> firstDuties;
    for (size_t g = 0; g < m_groups.size(); ++g) {
        std::optional<DutyRef> first;
        for (size_t column = 0; column < m_roles.size(); ++column) {
            for (const int duty : m_groups[g].duties[column]) {
                const DutyRef ref{m_roles[column], duty};
                if (!first || ref < *first)
                    first = ref;
            }
        }
        firstDuties.emplace_back(*first, g);
    }
    std::sort(firstDuties.begin(), firstDuties.end());
    for (size_t rank = 0; rank < firstDuties.size(); ++rank)
        m_groups[firstDuties[rank].second].color = static_cast<int>(rank);
}

// Each matched duty joins the row of its best match only. Joining every match would chain
// duties into one long row of one colour wherever each shares a word with the next (long
// statements, or a low minimum score); the other matches are still listed when hovering.
// The best match is chosen by score, then by model order, never by column order, so the
// rows do not change when columns move.
template<typename Keep>
void DutyComparison::joinBestMatches(DisjointSets &sets, std::vector<bool> &matched,
                                     Keep keep) const
{
    struct Best
    {
        double score = -1;
        DutyRef other;
        int otherSlot = -1;
    };
    std::vector<Best> best(static_cast<size_t>(m_offsets.back()));
    auto offer = [&](int column, int duty, int otherColumn, int otherDuty, double score) {
        Best &b = best[static_cast<size_t>(slot(column, duty))];
        const DutyRef other{m_roles[static_cast<size_t>(otherColumn)], otherDuty};
        if (score > b.score || (score == b.score && other < b.other))
            b = {score, other, slot(otherColumn, otherDuty)};
    };
    for (const Link &link : m_links) {
        if (!keep(link))
            continue;
        offer(link.columnA, link.dutyA, link.columnB, link.dutyB, link.score);
        offer(link.columnB, link.dutyB, link.columnA, link.dutyA, link.score);
    }
    for (size_t at = 0; at < best.size(); ++at) {
        if (best[at].otherSlot < 0)
            continue;
        sets.unite(static_cast<int>(at), best[at].otherSlot);
        matched[at] = true;
    }
}

int DutyComparison::columnOf(RoleIndex role) const
{
    const auto it = std::find(m_roles.begin(), m_roles.end(), role);
    return it == m_roles.end() ? -1 : static_cast<int>(it - m_roles.begin());
}

const std::vector<int> &DutyComparison::uniqueDuties(int column) const
{
    return m_unique[static_cast<size_t>(column)];
}

int DutyComparison::groupOf(int column, int duty) const
{
    return m_dutyGroup[static_cast<size_t>(slot(column, duty))];
}

std::vector<DutyMatch> DutyComparison::matchesOf(int column, int duty) const
{
    std::vector<DutyMatch> matches;
    for (const Link &link : m_links) {
        if (link.columnA == column && link.dutyA == duty) {
            matches.push_back({link.columnB, link.dutyB, link.kind, link.reason, link.score,
                               link.terms});
        } else if (link.columnB == column && link.dutyB == duty) {
            matches.push_back({link.columnA, link.dutyA, link.kind, link.reason, link.score,
                               link.terms});
        }
    }
    std::stable_sort(matches.begin(), matches.end(),
                     [](const DutyMatch &a, const DutyMatch &b) { return a.score > b.score; });
    return matches;
}

std::vector<PairSummary> DutyComparison::pairSummaries() const
{
    std::vector<PairSummary> summaries;
    for (int left = 0; left < columnCount(); ++left) {
        for (int right = left + 1; right < columnCount(); ++right)
            summaries.push_back(summary(left, right));
    }
    return summaries;
}

PairSummary DutyComparison::summary(int left, int right) const
{
    PairSummary summary{left, right, 0, 0, 0};
    const auto dutyCount = [this](int column) {
        return m_offsets[static_cast<size_t>(column) + 1] - m_offsets[static_cast<size_t>(column)];
    };
    DisjointSets sets(m_offsets.back());
    std::vector<bool> matched(static_cast<size_t>(m_offsets.back()), false);
    joinBestMatches(sets, matched, [&](const Link &link) {
        return (link.columnA == left && link.columnB == right)
               || (link.columnA == right && link.columnB == left);
    });
    int matchedLeft = 0;
    int matchedRight = 0;
    std::vector<int> roots;
    for (const int column : {left, right}) {
        for (int duty = 0; duty < dutyCount(column); ++duty) {
            const int at = slot(column, duty);
            if (!matched[static_cast<size_t>(at)])
                continue;
            ++(column == left ? matchedLeft : matchedRight);
            roots.push_back(sets.find(at));
        }
    }
    std::sort(roots.begin(), roots.end());
    summary.shared = static_cast<int>(std::unique(roots.begin(), roots.end()) - roots.begin());
    summary.onlyLeft = dutyCount(left) - matchedLeft;
    summary.onlyRight = dutyCount(right) - matchedRight;
    return summary;
}

} // namespace rolescope
