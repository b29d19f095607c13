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
// computation. A large model is analysed on a worker thread as soon as it is shown, so the
// first comparison rarely waits; a small one when first asked for.
class OverlapAnalysis : public QObject
{
    Q_OBJECT

public:
    // Models with at least this many roles are analysed in the background.
    static constexpr int BackgroundRoleCount = 2000;

    explicit OverlapAnalysis(Document *document, QObject *parent = nullptr);
    ~OverlapAnalysis() override;

    Document *document() const { return m_document; }
    // Waits for the background analysis if it is still running.
    const OverlapResult &result() const;
    // The role-pair score of every role against ROLE: 0 without overlap, -1 for ROLE itself.
    std::vector<double> scoresAgainst(RoleIndex role) const;

signals:
    // A new model is shown: results taken before are stale.
    void changed();

private:
    struct Job;

    void start();
    void abandonJob();
    void finishJob() const;

    Document *m_document;
    mutable std::optional<OverlapResult> m_result;
    mutable std::shared_ptr<Job> m_job;
    mutable QThread *m_thread = nullptr;
    QList<QThread *> m_staleThreads; // analyses of replaced models, still running
};

} // namespace rolescope
