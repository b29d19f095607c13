#pragma once

#include "core/overlap.h"

#include <string>
#include <vector>

namespace rolescope {

class DisjointSets;

// Why one compared duty matches another, for the explanation shown when hovering it.
struct DutyMatch
{
    int column = -1;
    int duty = -1; // index in that column's role's responsibilities
    OverlapKind kind = OverlapKind::Text;
    MatchReason reason = MatchReason::SharedTerms;
    double score = 0;
    MatchedTerms terms;
};

// Duties of several compared roles that describe the same work: one aligned row of the
// comparison, one colour in every column.
struct ComparisonGroup
{
    int color = 0;                        // stable whatever the order of the columns
    std::vector<std::vector<int>> duties; // per column, duty indexes in file order (may be empty)
    double bestScore = 0;
};

// What two compared roles have in common, counted the way the summary line reads.
struct PairSummary
{
    int left = -1;  // columns, left < right
    int right = -1;
    int shared = 0;    // groups of matching duties between the two
    int onlyLeft = 0;  // duties of left with no match in right
    int onlyRight = 0;
};

// Decides what the comparison view shows, without any widget: which duties of the compared
// roles go in one row and share a colour, which stay unique, and the per-pair summaries.
// Matches come from core's findOverlaps() result, including the generic duty clusters (a duty
// many roles share is still shared between the two compared ones).
class DutyComparison
{
public:
    DutyComparison() = default;
    DutyComparison(const Model &model, const OverlapResult &overlaps, std::vector<RoleIndex> roles);

    const std::vector<RoleIndex> &roles() const { return m_roles; }
    int columnCount() const { return static_cast<int>(m_roles.size()); }

    // The shared rows in reading order: by the first column holding them, then duty order.
    const std::vector<ComparisonGroup> &groups() const { return m_groups; }
    // Duties of COLUMN that match no duty of another column, in file order.
    const std::vector<int> &uniqueDuties(int column) const;
    // The group (index into groups()) of a duty, or -1 when it is unique.
    int groupOf(int column, int duty) const;
    // Every match of a duty with duties of the other columns, by descending score.
    std::vector<DutyMatch> matchesOf(int column, int duty) const;

    // Every unordered pair of columns, left to right.
    std::vector<PairSummary> pairSummaries() const;
    PairSummary summary(int left, int right) const;

private:
    struct Link
    {
        int columnA;
        int dutyA;
        int columnB;
        int dutyB;
        OverlapKind kind;
        MatchReason reason;
        double score;
        MatchedTerms terms;
    };

    int columnOf(RoleIndex role) const;
    // Unites each duty with its best match among the links KEEP accepts, and marks both.
    template<typename Keep>
    void joinBestMatches(DisjointSets &sets, std::vector<bool> &matched, Keep keep) const;
    int slot(int column, int duty) const { return m_offsets[static_cast<size_t>(column)] + duty; }

    std::vector<RoleIndex> m_roles;
    std::vector<int> m_offsets;   // first slot of each column's duties; one past the end last
    std::vector<int> m_dutyGroup; // per slot
    std::vector<Link> m_links;
    std::vector<ComparisonGroup> m_groups;
    std::vector<std::vector<int>> m_unique;
};

} // namespace rolescope
