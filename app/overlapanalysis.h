#pragma once

#include "core/overlap.h"

#include <QList>
#include <QObject>

#include <memory>
#include <optional>
#include <vector>

class QThread;

namespace rolescope {

class Document;

// The overlaps of the document's model, found by core's findOverlaps() and kept until the
// model changes, so that the comparison view, the overlap dock and the chart tint share one
// computation. A small model is analysed when first asked for. A large one is analysed on a
// worker thread, and nothing waits for it: until resultReady() the result is empty and
// isPending() says why. A very large one (the analysis takes half a minute and gigabytes at
// 100,000 roles on two cores) is only analysed whole once something asks for all its overlaps;
// until then, what a comparison or the chart tint needs of a few roles is found for those roles
// alone (seconds at 100,000 roles), also on a worker thread.
class OverlapAnalysis : public QObject
{
    Q_OBJECT

public:
    // Models with at least this many roles are analysed in the background.
    static constexpr int BackgroundRoleCount = 2000;
    // From this many roles, only when first asked for.
    static constexpr int OnDemandRoleCount = 20000;

    explicit OverlapAnalysis(Document *document, QObject *parent = nullptr);
    ~OverlapAnalysis() override;

    Document *document() const { return m_document; }
    // Empty while the background analysis runs (or, for a very large model, starts it).
    const OverlapResult &result() const;
    // The same, kept for as long as the caller holds it: the Overlaps dock shows its role pairs
    // (4.3 million at 100,000 roles) without copying them.
    std::shared_ptr<const OverlapResult> sharedResult() const;
    bool isPending() const { return m_whole.thread != nullptr; }
    // A very large model whose analysis nothing has asked for yet: result() would start it.
    bool waitsToBeAsked() const;
    // How far the running analysis has got, in thousandths; 0 when none runs.
    int progress() const;
    // Whether stop() would abandon a running analysis: only a very large model's, which then
    // waits to be asked for again (a smaller one would start again at once).
    bool canStop() const;
    void stop();
    // The overlaps that involve ROLES (the result may hold more): result(), except for a very
    // large model that is not analysed whole, where only theirs are found. Empty while they
    // are being found (or, when they are not yet, starts that).
    const OverlapResult &resultFor(const std::vector<RoleIndex> &roles) const;
    // Whether the overlaps of ROLES are still being found.
    bool isPendingFor(const std::vector<RoleIndex> &roles) const;
    // While they are, how far finding them has got, in thousandths: the whole analysis, or
    // the index that questions about a few roles share (most of their wait); 0 when unknown.
    int progressFor(const std::vector<RoleIndex> &roles) const;
    // As resultFor(), for the overlaps between any two of ROLES (what a comparison shows): the
    // overlaps of all of them but one are enough, so comparing a role with one it was found
    // to overlap with needs nothing more. Only those between them are returned
    // (OverlapsByRole::among()).
    OverlapResult resultAmong(const std::vector<RoleIndex> &roles) const;
    bool isPendingAmong(const std::vector<RoleIndex> &roles) const;
    // The role-pair score of every role against ROLE: 0 without overlap, -1 for ROLE itself.
    std::vector<double> scoresAgainst(RoleIndex role) const;

    // The minimum score of an inferred overlap, chosen in the window instead of the model's
    // threshold (none: the model's). It is kept when the same file is reloaded and dropped
    // when another model is shown. Changing it analyses the model again: at once where the
    // analysis was wanted, otherwise when next asked for.
    std::optional<double> minScore() const { return m_minScore; }
    void setMinScore(std::optional<double> minScore);
    // The threshold the result uses: the one chosen here, else the model's.
    double threshold() const;
    // The model's settings.overlap.threshold, else the default.
    double modelThreshold() const;

signals:
    // A new model is shown: results taken before are stale.
    void changed();
    // The background analysis has finished: result() now holds it.
    void resultReady();

private:
    struct Job;
    struct FocusIndex;
    // An analysis on a worker thread: the whole model's, or the focus roles'.
    struct Run
    {
        std::shared_ptr<Job> job;
        QThread *thread = nullptr;
    };
    struct FocusResult
    {
        std::vector<RoleIndex> roles; // sorted
        OverlapResult result;
        OverlapsByRole byRole;
    };
    // A result that answers for some roles, and where each role is in it.
    struct Answer
    {
        const OverlapResult &result;
        const OverlapsByRole &byRole;
    };

    bool analysesAhead() const;
    // What resultFor() (AMONG false) or resultAmong() read, and their isPending...().
    Answer focusedAnswer(const std::vector<RoleIndex> &roles, bool among) const;
    bool isFocusPending(const std::vector<RoleIndex> &roles, bool among) const;
    void start() const;
    void launch(Run &run, std::vector<RoleIndex> roles) const;
    void abandon(Run &run) const;
    void finish(Run &run) const;
    // Abandons the focused job, drops the index (stopping it being built) and its result.
    void discardFocus() const;
    // Both analyses and their results: they are for another model or minimum score.
    void discardAll() const;

    OverlapOptions options() const;

    Document *m_document;
    std::optional<double> m_minScore;
    mutable std::shared_ptr<const OverlapResult> m_result;
    mutable OverlapsByRole m_resultByRole;
    mutable std::optional<FocusResult> m_focusResult; // only while there is no m_result
    mutable Run m_whole;
    mutable Run m_focus;
    mutable std::shared_ptr<FocusIndex> m_focusIndex; // for this model and minimum score
    mutable QList<QThread *> m_staleThreads; // analyses no longer wanted, still running
};

} // namespace rolescope
