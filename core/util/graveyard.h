#ifndef BURNRATE_CORE_UTIL_GRAVEYARD_H
#define BURNRATE_CORE_UTIL_GRAVEYARD_H

#include <mutex>
#include <utility>
#include <vector>

namespace burnrate {

// Objects one thread is done with, freed later by another: an importer's writer thread (the one that
// limits an import) buries the batches it stored, and the parser threads sweep them when they hand
// over the next batch. Whatever is still buried goes with the graveyard.
template <typename T>
class Graveyard final
{
public:
    void bury(T dead)
    {
        std::lock_guard lock(m_mutex);
        m_dead.push_back(std::move(dead));
    }
    // Frees everything buried so far, on the calling thread.
    void sweep()
    {
        std::vector<T> dead;
        {
            std::lock_guard lock(m_mutex);
            dead.swap(m_dead);
        }
    }

private:
    std::mutex m_mutex;
    std::vector<T> m_dead;
};

} // namespace burnrate

#endif // BURNRATE_CORE_UTIL_GRAVEYARD_H
