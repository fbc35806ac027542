#ifndef BURNRATE_CORE_UTIL_RESULT_H
#define BURNRATE_CORE_UTIL_RESULT_H

#include <QString>

#include <optional>
#include <utility>

namespace burnrate {

// The outcome of an operation that can fail with a message for the user. Errors are one
// human-readable line; they must never contain a secret. A caller that must tell kinds of failure
// apart gets an error type that says so (`E`, e.g. a struct with an enum and the message), never a
// message to compare. Never dropped unread: a result is checked, or discarded with (void) and a comment
// that says why its failure does not matter there.
template <typename T, typename E = QString>
class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_value(std::move(value))
    {}

    static Result failure(E error)
    {
        Result r;
        r.m_error = std::move(error);
        return r;
    }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return *m_value; }
    T &value() & { return *m_value; }
    T &&value() && { return std::move(*m_value); }
    const T &operator*() const & { return *m_value; }
    const T *operator->() const { return &*m_value; }
    T *operator->() { return &*m_value; }

    const E &error() const { return m_error; }

private:
    Result() = default;

    std::optional<T> m_value;
    E m_error{};
};

struct Ok
{};

// For operations that return nothing but may fail.
using Status = Result<Ok>;

inline Status okStatus()
{
    return Status(Ok{});
}

} // namespace burnrate

#endif // BURNRATE_CORE_UTIL_RESULT_H
