#include "app/modelloadjob.h"

#include "app/modelcache.h"
#include "app/rolesearch.h"

namespace rolescope {

ModelLoadJob::ModelLoadJob(const QString &path, const QString &cacheDirectory, QObject *parent)
    : QObject(parent)
    , m_path(path)
    , m_cacheDirectory(cacheDirectory)
{
}

ModelLoadJob::~ModelLoadJob()
{
    // Joined here, before QObject's destructor: the thread emits this object's signals.
    cancel();
    if (m_thread.joinable())
        m_thread.join();
}

void ModelLoadJob::start()
{
    // Emitted on the loading threads; receivers in the window's thread get them queued.
    m_control.progress = [this](std::uint64_t done, std::uint64_t total) {
        emit progressChanged(static_cast<qint64>(done), static_cast<qint64>(total));
    };
    m_thread = std::thread([this, cache = ModelCache(m_cacheDirectory)] {
        m_result = cache.load(m_path, &m_control);
        m_cacheEntry = cache.lastEntry();
        if (m_result.ok() && !m_control.cancelled)
            m_searchText = RoleSearchIndex::foldedTexts(*m_result.model);
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_thread.join(); // the thread is past its last use of this object
                emit finished();
            },
            Qt::QueuedConnection);
    });
}

void ModelLoadJob::cancel()
{
    m_control.cancelled = true;
}

} // namespace rolescope
