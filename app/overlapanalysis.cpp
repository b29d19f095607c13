#include "app/overlapanalysis.h"

#include "app/document.h"

#include <QThread>

namespace rolescope {

// The worker reads its own copy of the model: the document's is replaced on the next load.
struct OverlapAnalysis::Job
{
    Model model;
    OverlapResult result;
};

OverlapAnalysis::OverlapAnalysis(Document *document, QObject *parent)
    : QObject(parent)
    , m_document(document)
{
    connect(document, &Document::modelReset, this, [this] {
        start();
        emit changed();
    });
    start();
}

OverlapAnalysis::~OverlapAnalysis()
{
    finishJob();
    for (QThread *thread : std::as_const(m_staleThreads)) {
        thread->wait();
        delete thread;
    }
}

void OverlapAnalysis::start()
{
    // A reload while a large model is still being analysed must not wait for an answer about
    // a model that is gone: the stale job finishes on its own (it owns its copy of the model).
    abandonJob();
    m_result.reset();
    if (!m_document->hasModel() || m_document->model().roleCount() < BackgroundRoleCount)
        return;
    auto job = std::make_shared<Job>();
    job->model = m_document->model();
    m_job = job;
    m_thread = QThread::create([job] { job->result = findOverlaps(job->model); });
    m_thread->start(QThread::LowPriority);
}

void OverlapAnalysis::abandonJob()
{
    if (!m_thread)
        return;
    QThread *thread = m_thread;
    m_thread = nullptr;
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

const OverlapResult &OverlapAnalysis::result() const
{
    finishJob();
    if (!m_result)
        m_result = m_document->hasModel() ? findOverlaps(m_document->model()) : OverlapResult();
    return *m_result;
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
