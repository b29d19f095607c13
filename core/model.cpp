#include "core/model.h"

namespace rolescope {

void Model::rebuildIndex()
{
    const size_t count = roles.size();
    m_byId.clear();
    m_byId.reserve(count);
    for (size_t i = 0; i < count; ++i)
        m_byId.emplace(roles[i].id, static_cast<RoleIndex>(i)); // first definition wins

    m_parent.assign(count, NoRole);
    m_topRoles.clear();
    std::vector<int> childCount(count, 0);
    for (size_t i = 0; i < count; ++i) {
        const RoleIndex parent = roles[i].reportsTo.empty() ? NoRole : find(roles[i].reportsTo);
        if (parent == NoRole || parent == static_cast<RoleIndex>(i)) {
            m_topRoles.push_back(static_cast<RoleIndex>(i));
            continue;
        }
        m_parent[i] = parent;
        ++childCount[static_cast<size_t>(parent)];
    }

    // Counting sort keeps each manager's reports in file order without per-role vectors.
    m_childStart.assign(count + 1, 0);
    for (size_t i = 0; i < count; ++i)
        m_childStart[i + 1] = m_childStart[i] + childCount[i];
    m_children.assign(static_cast<size_t>(m_childStart[count]), NoRole);
    std::vector<int> cursor(m_childStart.begin(), m_childStart.end() - 1);
    for (size_t i = 0; i < count; ++i) {
        if (m_parent[i] != NoRole)
            m_children[static_cast<size_t>(cursor[static_cast<size_t>(m_parent[i])]++)] =
                static_cast<RoleIndex>(i);
    }

    m_dottedLines.clear();
    for (size_t i = 0; i < count; ++i) {
        for (const std::string &id : roles[i].alsoReportsTo) {
            const RoleIndex manager = find(id);
            if (manager != NoRole && manager != static_cast<RoleIndex>(i))
                m_dottedLines.emplace_back(manager, static_cast<RoleIndex>(i));
        }
    }
}

RoleIndex Model::find(std::string_view id) const
{
    const auto it = m_byId.find(id);
    return it == m_byId.end() ? NoRole : it->second;
}

std::span<const RoleIndex> Model::childrenOf(RoleIndex index) const
{
    const auto i = static_cast<size_t>(index);
    return std::span<const RoleIndex>(m_children).subspan(
        static_cast<size_t>(m_childStart[i]),
        static_cast<size_t>(m_childStart[i + 1] - m_childStart[i]));
}

std::vector<RoleIndex> Model::dottedManagersOf(RoleIndex index) const
{
    std::vector<RoleIndex> managers;
    for (const std::string &id : role(index).alsoReportsTo) {
        const RoleIndex manager = find(id);
        if (manager != NoRole && manager != index)
            managers.push_back(manager);
    }
    return managers;
}

int Model::depthOf(RoleIndex index) const
{
    int depth = 0;
    // Bounded by the role count so that even a model with a cycle cannot loop forever.
    for (RoleIndex at = parentOf(index); at != NoRole && depth < roleCount(); at = parentOf(at))
        ++depth;
    return depth;
}

const Department *Model::findDepartment(std::string_view id) const
{
    for (const Department &department : departments) {
        if (department.id == id)
            return &department;
    }
    return nullptr;
}

std::string Model::departmentName(const Role &role) const
{
    const Department *department = findDepartment(role.department);
    return department ? department->name : role.department;
}

} // namespace rolescope
