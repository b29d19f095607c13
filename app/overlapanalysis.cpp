#include "app/overlapanalysis.h"

#include "app/document.h"

namespace rolescope {

OverlapAnalysis::OverlapAnalysis(Document *document, QObject *parent)
    : QObject(parent)
    , m_document(document)
{
    connect(document, &Document::modelReset, this, [this] {
        m_result.reset();
        emit changed();
    });
}

const OverlapResult &OverlapAnalysis::result() const
{
    if (!m_result) {
        m_result = m_document->hasModel() ? findOverlaps(m_document->model()) : OverlapResult();
    }
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
