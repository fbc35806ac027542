#ifndef BURNRATE_CORE_UTIL_JOINEDSTRING_H
#define BURNRATE_CORE_UTIL_JOINEDSTRING_H

#include <algorithm>
#include <array>
#include <cstddef>
#include <string_view>

namespace burnrate {

// The concatenation of constant strings, made by the compiler: JoinedString<A, B, C>::value is a string_view of
// static storage holding A, B and C one after the other. Lets a long constant (a schema step) be written once per
// repeated part instead of spelling the part out at every use.
template <const std::string_view &...Parts>
struct JoinedString
{
private:
    static constexpr auto storage = [] {
        std::array<char, (Parts.size() + ... + 0) + 1> chars{};
        std::size_t at = 0;
        ((std::copy(Parts.begin(), Parts.end(), chars.begin() + static_cast<std::ptrdiff_t>(at)), at += Parts.size()),
         ...);
        return chars;
    }();

public:
    static constexpr std::string_view value{storage.data(), storage.size() - 1};
};

} // namespace burnrate

#endif // BURNRATE_CORE_UTIL_JOINEDSTRING_H
