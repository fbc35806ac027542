#include "ledger/eventrecord.h"

#include <QByteArray>

#include <cstring>

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#endif

namespace burnrate {

namespace {

// A 64-bit hash over 8-byte words (multiply-rotate, murmur-style finaliser): stable across runs and
// Qt versions on little-endian machines, which is all Burnrate runs on, and much faster than bytewise FNV.
class Hasher
{
public:
    void bytes(const void *data, size_t n)
    {
        const auto *p = static_cast<const unsigned char *>(data);
        while (n >= 8) {
            std::uint64_t w;
            std::memcpy(&w, p, 8);
            mix(w);
            p += 8;
            n -= 8;
        }
        std::uint64_t tail = 0;
        std::memcpy(&tail, p, n);
        mix(tail ^ (std::uint64_t{n} << 56));
    }
    void str(const QString &s)
    {
        mix(s.isNull() ? ~std::uint64_t{0} : static_cast<std::uint64_t>(s.size()));
        bytes(s.constData(), static_cast<size_t>(s.size()) * sizeof(QChar));
    }
    void num(std::int64_t v) { mix(static_cast<std::uint64_t>(v)); }
    void opt(const std::optional<std::int64_t> &v)
    {
        mix(v.has_value() ? 1 : 0);
        num(v.value_or(0));
    }
    std::uint64_t value() const
    {
        std::uint64_t h = m_h;
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdULL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53ULL;
        h ^= h >> 33;
        return h;
    }

private:
    void mix(std::uint64_t w)
    {
        w *= 0x87c37b91114253d5ULL;
        w = (w << 31) | (w >> 33);
        w *= 0x4cf5ad432745937fULL;
        m_h ^= w;
        m_h = ((m_h << 27) | (m_h >> 37)) * 5 + 0x52dce729;
    }

    std::uint64_t m_h = 0x9368e53c2f6af274ULL;
};

// Copies the ASCII start of `in` to `out` as bytes (a plain copy, no allocation) and returns its
// length. Eight units at a time with SSE2 (every x86-64 has it): seal() copies every text field of every
// event on a parser thread, nearly all of it ASCII, so this loop is a large part of a parser's work.
size_t asciiPrefix(const QChar *in, size_t n, char *out)
{
    size_t c = 0;
#if defined(__SSE2__) || defined(_M_X64)
    const __m128i high = _mm_set1_epi16(static_cast<short>(0xff80));
    const __m128i zero = _mm_setzero_si128();
    for (; c + 8 <= n; c += 8) {
        const __m128i units = _mm_loadu_si128(reinterpret_cast<const __m128i *>(in + c));
        if (_mm_movemask_epi8(_mm_cmpeq_epi16(_mm_and_si128(units, high), zero)) != 0xffff) {
            break; // a non-ASCII unit among these eight: the loop below finds it
        }
        _mm_storel_epi64(reinterpret_cast<__m128i *>(out + c), _mm_packus_epi16(units, units));
    }
#endif
    for (; c < n && in[c].unicode() < 0x80; ++c) {
        out[c] = static_cast<char>(in[c].unicode());
    }
    return c;
}

} // namespace

QString billingName(Billing b)
{
    return b == Billing::Subscription ? QStringLiteral("subscription") : QStringLiteral("api");
}

std::uint64_t EventRecord::fingerprint() const
{
    if (sealedFingerprint != 0) {
        return sealedFingerprint;
    }
    Hasher h;
    for (const QString *s :
         {&source, &sourceKey, &provider, &model, &conversationId, &project, &workflowId, &workflowType, &agent,
          &userId, &feature, &environment, &promptVersion, &tagsJson, &status, &outcome, &serviceTier, &priceRef}) {
        h.str(*s);
    }
    for (std::int64_t v :
         {occurredAtMs, tokens.inputUncached, tokens.cacheRead, tokens.cacheWrite5m, tokens.cacheWrite1h, tokens.output,
          tokens.reasoning, requests, toolCalls, retries, static_cast<std::int64_t>(billing)}) {
        h.num(v);
    }
    for (const auto *o : {&endedAtMs, &latencyMs, &payloadBytes, &reportedCostNano, &costNano}) {
        h.opt(*o);
    }
    return h.value();
}

void EventRecord::seal()
{
    auto text = std::make_shared<SealedText>();
    const QString *fields[SealedText::Count] = {&source,  &sourceKey,   &provider,      &model,    &conversationId,
                                                &project, &workflowId,  &workflowType,  &agent,    &userId,
                                                &feature, &environment, &promptVersion, &tagsJson, &status,
                                                &outcome, &serviceTier, &priceRef};
    size_t remaining = 0; // UTF-16 units of the fields not copied yet: the size of an all-ASCII rest
    for (const QString *f : fields) {
        remaining += static_cast<size_t>(f->size());
    }
    std::string &utf8 = text->utf8;
    utf8.resize(remaining);
    size_t pos = 0;
    for (int i = 0; i < SealedText::Count; ++i) {
        const QString &f = *fields[i];
        text->offsets[static_cast<size_t>(i)] = static_cast<std::uint32_t>(pos);
        text->isNull[static_cast<size_t>(i)] = f.isNull();
        const QChar *in = f.constData();
        const auto n = static_cast<size_t>(f.size());
        remaining -= n;
        char *out = utf8.data() + pos;
        size_t c = asciiPrefix(in, n, out);
        pos += c;
        if (c < n) {
            utf8.resize(pos);
            utf8 += f.mid(static_cast<qsizetype>(c)).toStdString();
            pos = utf8.size();
            utf8.resize(pos + remaining);
        }
    }
    utf8.resize(pos);
    text->offsets[SealedText::Count] = static_cast<std::uint32_t>(text->utf8.size());
    sealedText = std::move(text);
    sealedFingerprint = 0;
    sealedFingerprint = fingerprint();
    if (sealedFingerprint == 0) {
        sealedFingerprint = 1;
    }
}

} // namespace burnrate
