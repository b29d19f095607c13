#include "app/departmentcolors.h"

#include <array>

namespace rolescope {

namespace {

// Muted, distinguishable hues that stay readable as a band on light and dark cards.
constexpr std::array<QRgb, 12> DefaultPalette = {
    0x3b7dd8, 0x3a9b6a, 0xd08a2e, 0xa4589c, 0xc8524a, 0x2f9fa8,
    0x7a6fd0, 0x8a9a2e, 0xd06a8e, 0x5b6c8f, 0xb07a4a, 0x4a9bd0,
};
const QColor NoDepartmentColor(0x9aa0a6);

} // namespace

DepartmentColors::DepartmentColors(const Model &model)
{
    size_t next = 0;
    const auto assign = [&](const std::string &key, const std::string &fileColor) {
        if (key.empty() || m_colors.contains(key))
            return;
        QColor color(QString::fromStdString(fileColor));
        if (fileColor.empty() || !color.isValid())
            color = QColor(DefaultPalette[next++ % DefaultPalette.size()]);
        m_colors.emplace(key, color);
    };
    for (const Department &department : model.departments)
        assign(department.id, department.color);
    for (const Role &role : model.roles)
        assign(role.department, {});
}

QColor DepartmentColors::colorOf(const Role &role) const
{
    const auto it = m_colors.find(role.department);
    return it == m_colors.end() ? NoDepartmentColor : it->second;
}

} // namespace rolescope
