#include "app/rolesearch.h"

#include <algorithm>

namespace rolescope {

namespace {

QString fromStd(const std::string &text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

} // namespace

void RoleSearchIndex::setModel(const Model *model)
{
    m_model = model;
    m_text.clear();
}

QString RoleSearchIndex::fold(const QString &text)
{
    // Most text is ASCII, which has no accents to remove; decomposing it is the slow part.
    const bool ascii = std::all_of(text.begin(), text.end(),
                                   [](QChar c) { return c.unicode() < 0x80; });
    if (ascii)
        return text.toLower();
    const QString decomposed = text.normalized(QString::NormalizationForm_KD);
    QString folded;
    folded.reserve(decomposed.size());
    for (const QChar c : decomposed) {
        if (c.category() != QChar::Mark_NonSpacing)
            folded.append(c);
    }
    return folded.toCaseFolded();
}

void RoleSearchIndex::build() const
{
    const Model &model = *m_model;
    m_text.resize(static_cast<size_t>(model.roleCount()));
    for (RoleIndex i = 0; i < model.roleCount(); ++i) {
        const Role &role = model.role(i);
        QString text = fromStd(role.title) + u'\n' + fromStd(role.id) + u'\n'
                       + fromStd(model.departmentName(role));
        for (const std::string &holder : role.holders)
            text += u'\n' + fromStd(holder);
        for (const Responsibility &duty : role.responsibilities)
            text += u'\n' + fromStd(duty.text);
        m_text[static_cast<size_t>(i)] = fold(text);
    }
}

std::vector<RoleIndex> RoleSearchIndex::find(const QString &query) const
{
    std::vector<RoleIndex> matches;
    const QStringList words = fold(query).simplified().split(u' ', Qt::SkipEmptyParts);
    if (!m_model || words.isEmpty())
        return matches;
    if (m_text.empty())
        build();
    for (size_t i = 0; i < m_text.size(); ++i) {
        const QString &text = m_text[i];
        const bool all = std::all_of(words.begin(), words.end(), [&text](const QString &word) {
            return text.contains(word);
        });
        if (all)
            matches.push_back(static_cast<RoleIndex>(i));
    }
    return matches;
}

} // namespace rolescope
