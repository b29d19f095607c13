#pragma once

#include "core/overlap.h"

#include <QObject>

#include <optional>
#include <vector>

namespace rolescope {

class Document;

// The overlaps of the document's model, found by core's findOverlaps() when first asked for
// and kept until the model changes, so that the comparison view, the overlap dock and the
// chart tint share one computation.
class OverlapAnalysis : public QObject
{
    Q_OBJECT

public:
    explicit OverlapAnalysis(Document *document, QObject *parent = nullptr);

    Document *document() const { return m_document; }
    const OverlapResult &result() const;
    // The role-pair score of every role against ROLE: 0 without overlap, -1 for ROLE itself.
    std::vector<double> scoresAgainst(RoleIndex role) const;

signals:
    // A new model is shown: results taken before are stale.
    void changed();

private:
    Document *m_document;
    mutable std::optional<OverlapResult> m_result;
};

} // namespace rolescope
