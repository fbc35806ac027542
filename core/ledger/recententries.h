#ifndef BURNRATE_CORE_LEDGER_RECENTENTRIES_H
#define BURNRATE_CORE_LEDGER_RECENTENTRIES_H

#include <array>
#include <cstddef>
#include <optional>
#include <utility>

namespace burnrate {

// The last few entries of a map that a stream of additions touched, so that the next addition
// usually finds its entry without hashing its key (events of one conversation alternate between a
// few models). Holds pointers into a node-based map, whose elements never move; clear() it with
// the map.
template <typename Key, typename Value, std::size_t N = 4>
class RecentEntries final
{
public:
    // The entry whose key satisfies `matches`, or nullptr.
    template <typename Matches>
    Value *find(const Matches &matches) const
    {
        for (std::size_t i = 0; i < m_size; ++i) {
            if (matches(*m_keys[i])) {
                return m_values[i];
            }
        }
        return nullptr;
    }
    void remember(Key key, Value *value)
    {
        m_keys[m_next] = std::move(key);
        m_values[m_next] = value;
        m_next = (m_next + 1) % N;
        m_size = m_size < N ? m_size + 1 : N;
    }
    void clear() // the slots are only forgotten: find() looks at the first size() of them
    {
        m_size = 0;
        m_next = 0;
    }

private:
    // optional: a key type nested in a class that is not complete yet cannot be default-built here
    std::array<std::optional<Key>, N> m_keys;
    std::array<Value *, N> m_values{};
    std::size_t m_size = 0;
    std::size_t m_next = 0;
};

} // namespace burnrate

#endif // BURNRATE_CORE_LEDGER_RECENTENTRIES_H
