#pragma once

#include "core/model.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace rolescope {

// Finds roles by title, id, department, holder and duty text, ignoring case and accents
// ("resume" finds "Résumé"). Every word of the query must occur somewhere in the role.
class RoleSearchIndex
{
public:
    // Forgets the previous model; the folded text is built on the first search.
    void setModel(const Model *model);
    std::vector<RoleIndex> find(const QString &query) const;

    // Case folded, compatibility decomposed and without combining marks.
    static QString fold(const QString &text);

private:
    void build() const;

    const Model *m_model = nullptr;
    mutable std::vector<QString> m_text; // per role, folded, fields separated by newlines
};

} // namespace rolescope
