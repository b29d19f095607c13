#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace rolescope {

// Strings to values in one flat table probed linearly. The overlap engine looks up every word of
// every duty, and every term it makes of them, and a table of nodes costs a cache miss each.
// Entries stay where they are as the table grows, so a reference to one outlives the next
// insertion.
template<typename Value>
class StringTable
{
public:
    struct Entry
    {
        std::string key;
        Value value;
    };

    const Value *find(std::string_view key) const
    {
        if (m_slots.empty())
            return nullptr;
        const size_t mask = m_slots.size() - 1;
        for (size_t slot = hashOf(key) & mask;; slot = (slot + 1) & mask) {
            const std::uint32_t entry = m_slots[slot];
            if (entry == 0)
                return nullptr;
            if (m_entries[entry - 1].key == key)
                return &m_entries[entry - 1].value;
        }
    }

    // KEY must not be in the table yet.
    Entry &insert(std::string_view key, Value value)
    {
        if (2 * (m_entries.size() + 1) > m_slots.size())
            grow();
        m_entries.push_back({std::string(key), std::move(value)});
        place(m_entries.size());
        return m_entries.back();
    }

    size_t size() const { return m_entries.size(); }

private:
    static std::uint64_t hashOf(std::string_view key)
    {
        std::uint64_t h = 0xcbf29ce484222325u; // FNV-1a
        for (const char c : key)
            h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3u;
        return h ^ (h >> 29);
    }
    void place(size_t entry)
    {
        const size_t mask = m_slots.size() - 1;
        size_t slot = hashOf(m_entries[entry - 1].key) & mask;
        while (m_slots[slot] != 0)
            slot = (slot + 1) & mask;
        m_slots[slot] = static_cast<std::uint32_t>(entry);
    }
    void grow()
    {
        m_slots.assign(std::max<size_t>(64, 2 * m_slots.size()), 0);
        for (size_t entry = 1; entry <= m_entries.size(); ++entry)
            place(entry);
    }

    std::deque<Entry> m_entries;
    std::vector<std::uint32_t> m_slots; // entry number + 1, 0 when empty
};

} // namespace rolescope
