#include "app/overlapanalysis.h"

#include "app/document.h"

#include <QThread>

#include <atomic>

namespace rolescope {

// The worker reads its own copy of the model: the document's is replaced on the next load.
struct OverlapAnalysis::Job
{
    Model model;
    OverlapResult result;
    std::atomic<bool> cancelled = false;
    std::atomic<int> progress = 0;
};

OverlapAnalysis::OverlapAnalysis(Document *document, QObject *parent)
    : QObject(parent)
    , m_document(document)
{
    connect(document, &Document::modelReset, this, [this](bool keptState) {
        if (!keptState)
            m_minScore.reset();
        abandonJob();
        m_result.reset();
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
    abandonJob();
    for (QThread *thread : std::as_const(m_staleThreads)) {
        thread->wait();
        delete thread;
    }
}

void OverlapAnalysis::start() const
{
    auto job = std::make_shared<Job>();
    job->model = m_document->model();
    m_job = job;
    m_thread = QThread::create([job, options = options()]() mutable {
        options.cancelled = &job->cancelled;
        options.progress = &job->progress;
        job->result = findOverlaps(job->model, options);
    });
    QThread *thread = m_thread;
    // Queued to this object's thread, the UI's; a job abandoned meanwhile is not this one.
    connect(thread, &QThread::finished, this, [this, thread] {
        if (thread != m_thread)
            return;
        finishJob();
        emit const_cast<OverlapAnalysis *>(this)->resultReady();
    });
    m_thread->start(QThread::LowPriority);
}

// A reload while a large model is still being analysed must not wait for an answer about a
// model that is gone: the stale job finishes on its own (it owns its copy of the model).
void OverlapAnalysis::abandonJob()
{
    if (!m_thread)
        return;
    QThread *thread = m_thread;
    m_thread = nullptr;
    m_job->cancelled = true;
    m_job.reset();
    m_staleThreads.append(thread);
    connect(thread, &QThread::finished, this, [this, thread] {
        m_staleThreads.removeOne(thread);
        thread->deleteLater();
    });
}

void OverlapAnalysis::finishJob() const
{
    if (!m_thread)
        return;
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_result = std::move(m_job->result);
    m_job.reset();
}

int OverlapAnalysis::progress() const
{
    return m_job ? m_job->progress.load() : 0;
}

bool OverlapAnalysis::canStop() const
{
    return m_thread && !analysesAhead();
}

void OverlapAnalysis::stop()
{
    if (!canStop())
        return;
    abandonJob();
    emit changed();
}

bool OverlapAnalysis::waitsToBeAsked() const
{
    return !m_result && !m_thread && m_document->hasModel()
           && m_document->model().roleCount() >= OnDemandRoleCount;
}

const OverlapResult &OverlapAnalysis::result() const
{
    static const OverlapResult nothingYet;
    if (m_result)
        return *m_result;
    if (!m_thread && m_document->hasModel()
        && m_document->model().roleCount() >= BackgroundRoleCount)
        start();
    if (m_thread)
        return nothingYet;
    m_result = m_document->hasModel() ? findOverlaps(m_document->model(), options())
                                      : OverlapResult();
    return *m_result;
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
    const bool wanted = m_result.has_value() || m_thread != nullptr;
    m_minScore = minScore;
    abandonJob();
    m_result.reset();
    const int roles = m_document->hasModel() ? m_document->model().roleCount() : 0;
    if (analysesAhead() || (wanted && roles >= BackgroundRoleCount))
        start();
    emit changed();
}

std::vector<double> OverlapAnalysis::scoresAgainst(RoleIndex role) const
{
    std::vector<double> scores(static_cast<size_t>(m_document->model().roleCount()), 0.0);
    if (role < 0 || static_cast<size_t>(role) >= scores.size())
        return scores;
    scores[static_cast<size_t>(role)] = -1;
    for (const RolePairOverlap &pair : result().rolePairs) {
        if (pair.a == role)
            scores[static_cast<size_t>(pair.b)] = pair.score;
        else if (pair.b == role)
            scores[static_cast<size_t>(pair.a)] = pair.score;
    }
    return scores;
}

} // namespace rolescope
