#include "app/overlapanalysis.h"

#include "app/document.h"
#include "app/modelcache.h"

#include <QThread>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <algorithm>
#include <atomic>
#include <iterator>
#include <mutex>
#include <optional>

namespace rolescope {

// The model indexed once for the focused jobs (core's OverlapIndex): the first job builds it,
// each one after it only asks it, in a fraction of a second where building takes seconds.
struct OverlapAnalysis::FocusIndex
{
    std::shared_ptr<const Model> model;
    QString cacheEntry; // the model's Document::cacheEntry(), for its KeptDuties
    std::mutex mutex; // one job reads or builds it at a time
    std::unique_ptr<OverlapIndex> index;
    std::atomic<int> buildProgress = 0; // in thousandths, whichever job builds it
    // Set when it is no longer wanted, to stop building it. A job that is abandoned does not
    // stop the building: the next one needs the index too.
    std::atomic<bool> dropped = false;
};

struct OverlapAnalysis::Job
{
    std::shared_ptr<const Model> model;
    QString cacheEntry; // the model's Document::cacheEntry(), for its KeptDuties
    std::vector<RoleIndex> roles; // sorted; none: the whole model
    // With roles, the index to ask; for the whole model, one already built that it may take
    // instead of normalising every duty again.
    std::shared_ptr<FocusIndex> focusIndex;
    OverlapResult result;
    OverlapsByRole byRole; // of result, made on the job's thread too
    std::atomic<bool> cancelled = false;
    std::atomic<int> progress = 0;
};

namespace {

// What a result is until its analysis is done.
const OverlapResult &nothingYet()
{
    static const OverlapResult empty;
    return empty;
}

const OverlapsByRole &noRoles()
{
    static const OverlapsByRole empty;
    return empty;
}

std::vector<RoleIndex> sortedRoles(std::vector<RoleIndex> roles)
{
    std::sort(roles.begin(), roles.end());
    roles.erase(std::unique(roles.begin(), roles.end()), roles.end());
    return roles;
}

// Whether the overlaps found for the sorted roles HELD include all those of WANTED, or with
// AMONG, all those between two of WANTED: each such pair has a role of HELD unless both of
// its roles are missing from it.
bool covers(const std::vector<RoleIndex> &held, const std::vector<RoleIndex> &wanted, bool among)
{
    std::vector<RoleIndex> missing;
    std::set_difference(wanted.begin(), wanted.end(), held.begin(), held.end(),
                        std::back_inserter(missing));
    return missing.empty() || (among && missing.size() == 1);
}

} // namespace

OverlapAnalysis::OverlapAnalysis(Document *document, QObject *parent)
    : QObject(parent)
    , m_document(document)
{
    connect(document, &Document::modelReset, this, [this](bool keptState) {
        if (!keptState)
            m_minScore.reset();
        discardAll();
        if (analysesAhead())
            start();
        emit changed();
    });
    if (analysesAhead())
        start();
}

// Large models are analysed as soon as they are shown, so the first comparison rarely waits;
// small ones take no time, and very large ones are left until asked for.
bool OverlapAnalysis::analysesAhead() const
{
    const int roles = m_document->hasModel() ? m_document->model().roleCount() : 0;
    return roles >= BackgroundRoleCount && roles < OnDemandRoleCount;
}

OverlapAnalysis::~OverlapAnalysis()
{
    // Every job left is cancelled, so these waits are short.
    discardAll();
    for (QThread *thread : std::as_const(m_staleThreads)) {
        thread->wait();
        delete thread;
    }
}

void OverlapAnalysis::start() const
{
    // The questions about roles wait for the whole result from now on: one still waiting for
    // the index is not answered, and leaves the index to the whole analysis.
    abandon(m_focus);
    launch(m_whole, {});
}

void OverlapAnalysis::launch(Run &run, std::vector<RoleIndex> roles) const
{
    auto job = std::make_shared<Job>();
    // Shared, not copied: copying a very large model would block the UI for a moment, and the
    // document replaces its model rather than changing it.
    job->model = m_document->sharedModel();
    job->cacheEntry = m_document->cacheEntry();
    job->roles = std::move(roles);
    if (!job->roles.empty() && !m_focusIndex) {
        m_focusIndex = std::make_shared<FocusIndex>();
        m_focusIndex->model = job->model;
        m_focusIndex->cacheEntry = job->cacheEntry;
    }
    job->focusIndex = m_focusIndex;
    run.job = job;
    run.thread = QThread::create([job, options = options()]() mutable {
        options.cancelled = &job->cancelled;
        options.progress = &job->progress;
        if (job->roles.empty()) {
            // Until the whole result is in, the comparisons and Who Else wait for it, so the
            // index they built is this job's to use up (seconds at 100,000 roles); the next
            // comparison after a Stop builds another.
            std::unique_ptr<OverlapIndex> built;
            if (job->focusIndex && job->focusIndex->model == job->model) {
                const std::lock_guard lock(job->focusIndex->mutex);
                if (job->focusIndex->index && job->focusIndex->index->isComplete())
                    built = std::move(job->focusIndex->index);
            }
            if (built) {
                job->result = built->findAllOnce(&job->cancelled, &job->progress);
                built.reset();
            } else {
                job->result = findOverlapsKeepingDuties(*job->model, options, job->cacheEntry);
            }
            job->byRole = OverlapsByRole(*job->model, job->result);
#ifdef __GLIBC__
            // The analysis frees several hundred megabytes at 100,000 roles, which the C
            // library would otherwise keep for this thread's next allocations.
            malloc_trim(0);
#endif
            return;
        }
        FocusIndex &shared = *job->focusIndex;
        const std::lock_guard lock(shared.mutex);
        if (job->cancelled)
            return;
        // The duties' terms read afresh are kept once the role's overlaps are found.
        std::optional<KeptDuties> kept;
        if (!shared.index || !shared.index->isComplete()) {
            options.cancelled = &shared.dropped;
            options.progress = &shared.buildProgress;
            shared.buildProgress = 0;
            kept.emplace(shared.cacheEntry);
            kept->attach(options);
            shared.index = std::make_unique<OverlapIndex>(*shared.model, options);
        }
        job->result = shared.index->find(job->roles, &job->cancelled);
        job->byRole = OverlapsByRole(*job->model, job->result);
        if (kept)
            kept->keep();
    });
    QThread *thread = run.thread;
    // Queued to this object's thread, the UI's; a job abandoned meanwhile is not this one.
    connect(thread, &QThread::finished, this, [this, thread, &run] {
        if (thread != run.thread)
            return;
        finish(run);
        emit const_cast<OverlapAnalysis *>(this)->resultReady();
    });
    thread->start(QThread::LowPriority);
}

// A reload while a large model is still being analysed must not wait for an answer about a
// model that is gone: the stale job finishes on its own (it holds on to that model).
void OverlapAnalysis::abandon(Run &run) const
{
    if (!run.thread)
        return;
    QThread *thread = run.thread;
    run.thread = nullptr;
    run.job->cancelled = true;
    run.job.reset();
    m_staleThreads.append(thread);
    connect(thread, &QThread::finished, this, [this, thread] {
        m_staleThreads.removeOne(thread);
        thread->deleteLater();
    });
}

void OverlapAnalysis::finish(Run &run) const
{
    if (!run.thread)
        return;
    run.thread->wait();
    delete run.thread;
    run.thread = nullptr;
    if (run.job->roles.empty()) {
        m_result = std::make_shared<const OverlapResult>(std::move(run.job->result));
        m_resultByRole = std::move(run.job->byRole);
        // The whole result answers for every role.
        discardFocus();
    } else {
        m_focusResult = FocusResult{run.job->roles, std::move(run.job->result),
                                    std::move(run.job->byRole)};
    }
    run.job.reset();
}

void OverlapAnalysis::discardFocus() const
{
    abandon(m_focus);
    if (m_focusIndex) {
        m_focusIndex->dropped = true;
        m_focusIndex.reset();
    }
    m_focusResult.reset();
}

void OverlapAnalysis::discardAll() const
{
    abandon(m_whole);
    m_result.reset();
    m_resultByRole = {};
    discardFocus();
}

int OverlapAnalysis::progress() const
{
    return m_whole.job ? m_whole.job->progress.load() : 0;
}

bool OverlapAnalysis::canStop() const
{
    return m_whole.thread && !analysesAhead();
}

void OverlapAnalysis::stop()
{
    if (!canStop())
        return;
    abandon(m_whole);
    emit changed();
}

bool OverlapAnalysis::waitsToBeAsked() const
{
    return !m_result && !m_whole.thread && m_document->hasModel()
           && m_document->model().roleCount() >= OnDemandRoleCount;
}

const OverlapResult &OverlapAnalysis::result() const
{
    if (m_result)
        return *m_result;
    if (!m_whole.thread && m_document->hasModel()
        && m_document->model().roleCount() >= BackgroundRoleCount)
        start();
    if (m_whole.thread)
        return nothingYet();
    m_result = std::make_shared<const OverlapResult>(
        m_document->hasModel() ? findOverlaps(m_document->model(), options()) : OverlapResult());
    if (m_document->hasModel())
        m_resultByRole = OverlapsByRole(m_document->model(), *m_result);
    return *m_result;
}

std::shared_ptr<const OverlapResult> OverlapAnalysis::sharedResult() const
{
    const OverlapResult &current = result();
    return m_result ? m_result : std::make_shared<const OverlapResult>(current);
}

const OverlapResult &OverlapAnalysis::resultFor(const std::vector<RoleIndex> &roles) const
{
    return focusedAnswer(roles, false).result;
}

bool OverlapAnalysis::isPendingFor(const std::vector<RoleIndex> &roles) const
{
    return isFocusPending(roles, false);
}

int OverlapAnalysis::progressFor(const std::vector<RoleIndex> &roles) const
{
    if (isPending())
        return progress();
    if (!isPendingFor(roles) || !m_focusIndex)
        return 0;
    return m_focusIndex->buildProgress.load();
}

OverlapResult OverlapAnalysis::resultAmong(const std::vector<RoleIndex> &roles) const
{
    const Answer answer = focusedAnswer(roles, true);
    return answer.byRole.among(m_document->model(), answer.result, roles);
}

bool OverlapAnalysis::isPendingAmong(const std::vector<RoleIndex> &roles) const
{
    return isFocusPending(roles, true);
}

OverlapAnalysis::Answer OverlapAnalysis::focusedAnswer(const std::vector<RoleIndex> &roles,
                                                       bool among) const
{
    if (!waitsToBeAsked()) {
        const OverlapResult &whole = result();
        return {whole, m_result ? m_resultByRole : noRoles()};
    }
    const std::vector<RoleIndex> wanted = sortedRoles(roles);
    if (wanted.empty())
        return {nothingYet(), noRoles()};
    if (m_focusResult && covers(m_focusResult->roles, wanted, among))
        return {m_focusResult->result, m_focusResult->byRole};
    if (!m_focus.job || !covers(m_focus.job->roles, wanted, among)) {
        abandon(m_focus);
        launch(m_focus, wanted);
    }
    return {nothingYet(), noRoles()};
}

bool OverlapAnalysis::isFocusPending(const std::vector<RoleIndex> &roles, bool among) const
{
    if (isPending())
        return true;
    const std::vector<RoleIndex> wanted = sortedRoles(roles);
    return m_focus.job && !wanted.empty() && covers(m_focus.job->roles, wanted, among)
           && !(m_focusResult && covers(m_focusResult->roles, wanted, among));
}

OverlapOptions OverlapAnalysis::options() const
{
    OverlapOptions options;
    options.minScore = m_minScore;
    return options;
}

double OverlapAnalysis::threshold() const
{
    return m_minScore.value_or(modelThreshold());
}

double OverlapAnalysis::modelThreshold() const
{
    return m_document->hasModel() ? effectiveThreshold(m_document->model(), {})
                                  : DefaultOverlapThreshold;
}

void OverlapAnalysis::setMinScore(std::optional<double> minScore)
{
    if (minScore == m_minScore)
        return;
    // The result was wanted if it was there or on its way; a very large model is then
    // analysed again at once instead of waiting to be asked a second time.
    const bool wanted = m_result != nullptr || m_whole.thread != nullptr;
    m_minScore = minScore;
    discardAll();
    const int roles = m_document->hasModel() ? m_document->model().roleCount() : 0;
    if (analysesAhead() || (wanted && roles >= BackgroundRoleCount))
        start();
    emit changed();
}

std::vector<double> OverlapAnalysis::scoresAgainst(RoleIndex role) const
{
    const int roleCount = m_document->model().roleCount();
    if (role < 0 || role >= roleCount)
        return std::vector<double>(static_cast<size_t>(roleCount), 0.0);
    const Answer answer = focusedAnswer({role}, false);
    std::vector<double> scores
        = answer.byRole.scoresAgainst(m_document->model(), answer.result, role);
    scores[static_cast<size_t>(role)] = -1;
    return scores;
}

} // namespace rolescope
