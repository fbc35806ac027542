#ifndef BURNRATE_CORE_JOBS_JOBSLOG_H
#define BURNRATE_CORE_JOBS_JOBSLOG_H

#include <QLoggingCategory>

namespace burnrate {

// The log category of this module, "burnrate.jobs" (see util/logging.h).
Q_DECLARE_LOGGING_CATEGORY(lcJobs)

} // namespace burnrate

#endif // BURNRATE_CORE_JOBS_JOBSLOG_H
