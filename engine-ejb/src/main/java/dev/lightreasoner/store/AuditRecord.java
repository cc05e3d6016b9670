package dev.lightreasoner.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/** One mutating action, by a user or by the server itself: who, what, on what, with which parameters, outcome. */
@Entity
@Table(name = "AUDIT_LOG", indexes = @Index(name = "IX_AUDIT_TARGET", columnList = "action,target"))
public class AuditRecord {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private Instant at;

    @Column(nullable = false, length = 200)
    private String actor;

    @Column(nullable = false, length = 64)
    private String action;

    @Column(nullable = false, length = 200)
    private String target;

    @Column(length = 8000)
    private String parameters;

    @Column(length = 4000)
    private String result;

    protected AuditRecord() {
    }

    public AuditRecord(Instant at, String actor, String action, String target, String parameters, String result) {
        this.at = at;
        this.actor = actor;
        this.action = action;
        this.target = target;
        this.parameters = clip(parameters, 8000);
        this.result = clip(result, 4000);
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    public Long getId() {
        return id;
    }

    public Instant getAt() {
        return at;
    }

    public String getActor() {
        return actor;
    }

    public String getAction() {
        return action;
    }

    public String getTarget() {
        return target;
    }

    public String getParameters() {
        return parameters;
    }

    public String getResult() {
        return result;
    }
}
