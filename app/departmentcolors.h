#pragma once

#include "core/model.h"

#include <QColor>

#include <string>
#include <unordered_map>

namespace rolescope {

// The colour of each department: the file's colour when it gives a valid one, otherwise the
// next colour of a default palette, in order of first appearance so that colours are stable.
class DepartmentColors
{
public:
    DepartmentColors() = default;
    explicit DepartmentColors(const Model &model);

    // The colour of a role's department; a neutral grey for a role without one.
    QColor colorOf(const Role &role) const;

private:
    std::unordered_map<std::string, QColor> m_colors;
};

} // namespace rolescope
