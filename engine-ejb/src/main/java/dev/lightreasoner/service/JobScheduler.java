package dev.lightreasoner.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lightreasoner.store.JobSchedule;
import dev.lightreasoner.store.OperationsStore;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Cron-style job schedules. Each active schedule owns one persistent EJB calendar timer (it survives server
 * restarts). Concurrency policy: skip a firing while the execution the schedule started last still runs.
 * Misfires: firings missed while the server was down are not replayed one by one; WildFly delivers the
 * overdue timeout once at startup, and the schedule then continues at its next regular time.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class JobScheduler {
    private static final Logger LOG = Logger.getLogger(JobScheduler.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    @Resource
    TimerService timers;
    @PersistenceContext(unitName = "lightreasoner")
    EntityManager em;
    @EJB
    BatchJobs jobs;
    @EJB
    OperationsStore operations;

    public JobSchedule create(String job, String cron, String timezone, Map<String, String> parameters) {
        if (!jobs.jobNames().contains(job)) {
            throw new RequestRejected(RequestRejected.BAD_REQUEST, "job", "unknown job '" + job + "'");
        }
        ScheduleExpression expression = expression(cron, timezone);
        jobs.validate(job, parameters);                  // a schedule with bad parameters would fail at every firing
        JobSchedule s;
        try {
            String json = JSON.writeValueAsString(parameters);
            if (json.length() > JobSchedule.MAX_PARAMETERS) {
                throw new RequestRejected(RequestRejected.BAD_REQUEST, "parameters", "too long as JSON (" + json.length()
                        + " characters, at most " + JobSchedule.MAX_PARAMETERS + ")");
            }
            s = new JobSchedule(job, cron.strip(), timezone, json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        em.persist(s);
        em.flush();
        try {
            timers.createCalendarTimer(expression, new TimerConfig(s.getId(), true));
        } catch (IllegalArgumentException e) {
            // the timer service's own check of each field's range; rolls the schedule back
            throw new RequestRejected(RequestRejected.BAD_REQUEST, "cron", "not a valid schedule: " + cron);
        }
        return s;
    }

    public List<JobSchedule> list() {
        return em.createQuery("select s from JobSchedule s order by s.id", JobSchedule.class).getResultList();
    }

    public JobSchedule find(long id) {
        JobSchedule s = em.find(JobSchedule.class, id);
        if (s == null) {
            throw new RequestRejected(RequestRejected.NOT_FOUND, "id", "no schedule " + id);
        }
        return s;
    }

    /** When the schedule fires next (its timer's next timeout), or null while it is paused. */
    public java.time.Instant nextFire(long id) {
        for (Timer t : timers.getTimers()) {
            try {
                if (Long.valueOf(id).equals(t.getInfo())) {
                    return t.getNextTimeout().toInstant();
                }
            } catch (jakarta.ejb.NoMoreTimeoutsException | jakarta.ejb.NoSuchObjectLocalException ended) {
                return null;                                      // no further firing, or cancelled meanwhile
            }
        }
        return null;
    }

    public JobSchedule pause(long id, boolean paused) {
        JobSchedule s = find(id);
        if (s.isPaused() != paused) {
            s.setPaused(paused);
            if (paused) {
                cancelTimer(id);
            } else {
                timers.createCalendarTimer(expression(s.getCron(), s.getTimezone()), new TimerConfig(s.getId(), true));
            }
        }
        return s;
    }

    public void delete(long id) {
        JobSchedule s = find(id);
        cancelTimer(id);
        em.remove(s);
    }

    private void cancelTimer(long id) {
        for (Timer t : timers.getTimers()) {
            if (Long.valueOf(id).equals(t.getInfo())) {
                t.cancel();
            }
        }
    }

    @Timeout
    void fire(Timer timer) {
        long id = (Long) timer.getInfo();
        JobSchedule s = em.find(JobSchedule.class, id);
        if (s == null || s.isPaused()) {
            timer.cancel();                                   // a leftover of a deleted or paused schedule
            return;
        }
        Instant now = Instant.now();
        if (s.getLastExecutionId() > 0) {
            ExecutionView last = jobs.execution(s.getLastExecutionId());
            if (!last.finished()) {
                String result = "skipped: execution " + last.executionId() + " is still " + last.batchStatus();
                s.fired(now, 0, result);
                operations.audit("scheduler", "schedule-skip", "schedule " + id, null, result);
                return;
            }
        }
        Map<String, String> parameters;
        try {
            parameters = JSON.readValue(s.getParameters(), new TypeReference<Map<String, String>>() { });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        try {
            long execution = jobs.start(s.getJob(), parameters);
            s.fired(now, execution, "started execution " + execution);
            operations.audit("scheduler", "schedule-start", "schedule " + id, s.getParameters(), "started execution " + execution);
        } catch (RequestRejected refused) {
            s.fired(now, 0, "refused: " + refused.getMessage());
            operations.audit("scheduler", "schedule-start", "schedule " + id, s.getParameters(), "refused: " + refused.getMessage());
            LOG.warning("schedule " + id + " could not start " + s.getJob() + ": " + refused.getMessage());
        }
    }

    private static final String[] FIELD_NAMES = {"second", "minute", "hour", "dayOfMonth", "month", "dayOfWeek"};
    private static final int[] FIELD_MIN = {0, 0, 0, 1, 1, 0};
    private static final int[] FIELD_MAX = {59, 59, 23, 31, 12, 7};

    /** "second minute hour dayOfMonth month dayOfWeek" (EJB calendar syntax; five fields = at second 0). */
    static ScheduleExpression expression(String cron, String timezone) {
        if (cron != null && cron.length() > JobSchedule.MAX_CRON) {
            throw new RequestRejected(RequestRejected.BAD_REQUEST, "cron", "too long (at most " + JobSchedule.MAX_CRON
                    + " characters)");
        }
        if (timezone == null || timezone.length() > JobSchedule.MAX_TIMEZONE) {
            throw new RequestRejected(RequestRejected.BAD_REQUEST, "timezone", "must be a time zone name of at most "
                    + JobSchedule.MAX_TIMEZONE + " characters");
        }
        String[] f = cron == null ? new String[0] : cron.strip().split("\\s+");
        if (f.length == 5) {
            f = new String[] {"0", f[0], f[1], f[2], f[3], f[4]};
        }
        if (f.length != 6) {
            throw new RequestRejected(RequestRejected.BAD_REQUEST, "cron", "needs 5 or 6 fields ([second] minute hour"
                    + " dayOfMonth month dayOfWeek), e.g. '0 30 2 * * *' for 02:30:00 daily: " + cron);
        }
        for (int i = 0; i < f.length; i++) {
            if (!f[i].matches("[0-9A-Za-z*/,\\-]+")) {
                throw new RequestRejected(RequestRejected.BAD_REQUEST, "cron", "invalid field '" + f[i] + "' in: " + cron);
            }
            // every number in a field within that field's range (a step after '/' only needs to be positive)
            for (String part : f[i].split(",")) {
                String[] stepped = part.split("/", -1);
                for (String n : stepped[0].split("-")) {
                    if (n.matches("\\d+") && (n.length() > 4 || Integer.parseInt(n) < FIELD_MIN[i]
                            || Integer.parseInt(n) > FIELD_MAX[i])) {
                        throw new RequestRejected(RequestRejected.BAD_REQUEST, "cron", FIELD_NAMES[i] + " must be "
                                + FIELD_MIN[i] + "-" + FIELD_MAX[i] + ": '" + f[i] + "' in: " + cron);
                    }
                }
            }
        }
        try {
            ZoneId.of(timezone);
        } catch (RuntimeException e) {
            throw new RequestRejected(RequestRejected.BAD_REQUEST, "timezone", "unknown time zone: " + timezone);
        }
        return new ScheduleExpression().second(f[0]).minute(f[1]).hour(f[2]).dayOfMonth(f[3]).month(f[4])
                .dayOfWeek(f[5]).timezone(timezone);
    }
}
