#include "money/decimaltext.h"

#include <QtNumeric>

namespace burnrate::decimaltext {

namespace {

constexpr int MaxExponent = 1000;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

} // namespace

std::optional<Scanned> scan(std::string_view text)
{
    size_t i = 0;
    size_t end = text.size();
    while (i < end && isBlank(text[i])) {
        ++i;
    }
    while (end > i && isBlank(text[end - 1])) {
        --end;
    }
    Scanned out;
    if (i < end && (text[i] == '+' || text[i] == '-')) {
        out.negative = text[i] == '-';
        ++i;
    }
    int fractionDigits = 0;
    bool sawDigit = false;
    bool sawPoint = false;
    for (; i < end; ++i) {
        const char c = text[i];
        if (isDigit(c)) {
            sawDigit = true;
            if (!(out.significant.empty() && c == '0')) {
                out.significant.push_back(c);
            }
            fractionDigits += sawPoint ? 1 : 0;
        } else if (c == '.' && !sawPoint) {
            sawPoint = true;
        } else {
            break;
        }
    }
    if (!sawDigit) {
        return std::nullopt;
    }
    int exponent = 0;
    if (i < end && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        bool expNegative = false;
        if (i < end && (text[i] == '+' || text[i] == '-')) {
            expNegative = text[i] == '-';
            ++i;
        }
        if (i == end || !isDigit(text[i])) {
            return std::nullopt;
        }
        for (; i < end && isDigit(text[i]); ++i) {
            exponent = exponent * 10 + (text[i] - '0');
            if (exponent > MaxExponent) {
                return std::nullopt;
            }
        }
        exponent = expNegative ? -exponent : exponent;
    }
    if (i != end || fractionDigits > MaxExponent) {
        return std::nullopt;
    }
    out.power = exponent - fractionDigits;
    return out;
}

std::optional<Scaled> toInteger(const std::string &significant, int shift)
{
    Scaled out;
    std::string_view kept = significant;
    bool roundUp = false;
    if (shift < 0) {
        const auto keep = static_cast<long long>(significant.size()) + shift;
        if (keep <= 0) {
            roundUp = keep == 0 && !significant.empty() && significant.front() >= '5';
            out.exact = significant.empty();
            kept = {};
        } else {
            const auto k = static_cast<size_t>(keep);
            roundUp = significant[k] >= '5';
            out.exact = significant.find_first_not_of('0', k) == std::string::npos;
            kept = kept.substr(0, k);
        }
        shift = 0;
    }
    std::int64_t v = 0;
    for (char c : kept) {
        if (qMulOverflow(v, std::int64_t{10}, &v) || qAddOverflow(v, std::int64_t{c - '0'}, &v)) {
            return std::nullopt;
        }
    }
    for (int s = 0; s < shift && v != 0; ++s) {
        if (qMulOverflow(v, std::int64_t{10}, &v)) {
            return std::nullopt;
        }
    }
    if (roundUp && qAddOverflow(v, std::int64_t{1}, &v)) {
        return std::nullopt;
    }
    out.magnitude = v;
    return out;
}

} // namespace burnrate::decimaltext
