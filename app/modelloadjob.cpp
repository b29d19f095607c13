#include "app/modelloadjob.h"

#include "app/rolesearch.h"

#include <QFile>

namespace rolescope {

ModelLoadJob::ModelLoadJob(const QString &path, QObject *parent)
    : QObject(parent)
    , m_path(path)
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
    m_thread = std::thread([this, path = QFile::encodeName(m_path).toStdString()] {
        m_result = loadModelFromFile(path, {}, &m_control);
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
