#ifndef BURNRATE_TESTS_SUPPORT_FAKEORG_H
#define BURNRATE_TESTS_SUPPORT_FAKEORG_H

#include <QDate>
#include <QString>

#include <cstdint>

namespace burnrate::test {

// A made-up organisation whose usage is a pure function of (hour, model, project): any window, bucket width
// or page size gives the same numbers, so tests can compare what a sync stored with what the fake holds.
// About two thirds of the (hour, model, project) cells are active.
class FakeOrg
{
public:
    struct Cell
    {
        std::int64_t input = 0;      // total input, cached and cache writes included
        std::int64_t cached = 0;     // cache reads
        std::int64_t cacheWrite = 0; // cache writes
        std::int64_t output = 0;
        std::int64_t requests = 0;
        std::int64_t inputCostNano = 0; // what the fake bills for the input side
        std::int64_t outputCostNano = 0;
        bool active() const { return requests > 0; }
    };

    FakeOrg(QString modelPrefix, int models, int projects, std::uint64_t seed = 7);

    int models() const { return m_models; }
    int projects() const { return m_projects; }
    QString model(int i) const;
    QString project(int j) const;   // "proj_3"
    QString apiKey(int j) const;    // "key_3"
    QString workspace(int j) const; // "wrkspc_3"

    static constexpr std::int64_t MsPerHour = 3'600'000;
    static constexpr std::int64_t MsPerDay = 86'400'000;
    Cell cell(std::int64_t hourStartMs, int model, int project) const;
    // The sum of the cells whose hour starts in [fromMs, untilMs).
    Cell sum(std::int64_t fromMs, std::int64_t untilMs, int model, int project) const;
    // Every model and project.
    Cell total(std::int64_t fromMs, std::int64_t untilMs) const;

private:
    QString m_prefix;
    int m_models;
    int m_projects;
    std::uint64_t m_seed;
};

} // namespace burnrate::test

#endif // BURNRATE_TESTS_SUPPORT_FAKEORG_H
