/* apl-store.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The workspace: one SQLite file, opened by one process at a time, migrated
 * forward in place after a backup, and never touched when it is damaged or
 * comes from a newer Aplomb.
 */

#define G_LOG_DOMAIN "Aplomb"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "apl-core-resources.h"
#include "apl-store-db.h"

/* 'APLM': lets Aplomb, file(1) and other tools tell a workspace apart from
 * any other SQLite database. */
#define APL_APPLICATION_ID 0x41504C4D

#define MIGRATIONS_PATH "/io/github/aplomb/Aplomb/migrations/migrations"

/* Where the integrity check of an open workspace stands. */
typedef enum
{
  CHECK_NONE,     /* checked while opening (or new): nothing pending */
  CHECK_RUNNING,  /* in the worker thread; writes are held */
  CHECK_PASSED,
  CHECK_FAILED,   /* nothing is ever written */
} CheckState;

struct _AplStore
{
  GObject          parent_instance;

  char            *path;
  sqlite3         *db;
  int              lock_fd;
  gboolean         is_new;
  gboolean         created_file;
  int              schema_version;
  char            *backup_path;
  GHashTable      *statements;
  AplPlanList     *plans;
  AplOrganisation *organisation;

  /* The quick_check of APL_STORE_OPEN_CHECK_IN_BACKGROUND, on a read-only
   * connection of its own in a worker thread. The fields under check_lock
   * are shared with that thread; the others belong to the main thread. */
  GMutex           check_lock;
  GCond            check_cond;
  CheckState       check_state;     /* check_lock */
  GError          *check_error;     /* check_lock; set with CHECK_FAILED */
  sqlite3         *check_db;        /* check_lock; for sqlite3_interrupt() */
  GSource         *check_source;    /* check_lock; tells the main context */
  GThread         *check_thread;
  GMainContext    *check_context;
  gboolean         check_settled;   /* the outcome has been acted on */
  gboolean         check_announced; /* ::check-finished was emitted */
  GArray          *after_check;     /* AplStoreTask queued by _apl_store_when_checked() */
  mode_t           file_mode;       /* to make private once the check passed */
  uid_t            file_uid;
};

G_DEFINE_FINAL_TYPE (AplStore, apl_store, G_TYPE_OBJECT)

enum {
  CHECK_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean hold_for_check (AplStore  *self,
                                GError   **error);

/* Helpers */

static const char *
display_name (const char *path)
{
  const char *slash = strrchr (path, '/');

  return slash ? slash + 1 : path;
}

static gboolean
set_errno_error (GError     **error,
                 const char  *path,
                 int          saved_errno)
{
  g_autofree char *name = g_filename_display_basename (path);

  switch (saved_errno)
    {
    case EACCES:
    case EPERM:
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_PERMISSION,
                   _("You do not have permission to open the workspace “%s”."), name);
      break;
    case EROFS:
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_READ_ONLY,
                   _("The workspace “%s” is on a read-only disk, so Aplomb cannot save to it."), name);
      break;
    case ELOOP:
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_PERMISSION,
                   _("The workspace “%s” is a symbolic link. Open the file it points to instead."), name);
      break;
    case ENOSPC:
    case EDQUOT:
    case EFBIG:
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_DISK_FULL,
                   _("The disk is full: the workspace “%s” could not be written."), name);
      break;
    default:
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_IO,
                   _("The workspace “%s” could not be opened: %s."), name, g_strerror (saved_errno));
      break;
    }
  return FALSE;
}

/* sqlite3_system_errno() is not updated for an error met while committing
 * (a write to the WAL that hit a full disk or the file size limit), but
 * the files remember their last errno: ask the WAL (or rollback journal)
 * first, where commits write, then the database file. */
static int
last_file_errno (sqlite3 *db)
{
  sqlite3_file *journal = NULL;
  int saved = 0;

  if (sqlite3_file_control (db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &journal) == SQLITE_OK
      && journal != NULL && journal->pMethods != NULL
      && journal->pMethods->xFileControl (journal, SQLITE_FCNTL_LAST_ERRNO, &saved) == SQLITE_OK
      && saved != 0)
    return saved;
  if (sqlite3_file_control (db, "main", SQLITE_FCNTL_LAST_ERRNO, &saved) == SQLITE_OK)
    return saved;
  return 0;
}

/* Errors of any connection to the workspace: the store's own, or a second
 * one (see _apl_store_open_connection()). */
void
_apl_store_set_db_error (AplStore  *self,
                         sqlite3   *db,
                         int        rc,
                         GError   **error)
{
  int sys_errno = db ? sqlite3_system_errno (db) : 0;
  g_autofree char *name = g_filename_display_basename (self->path);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_DISK_FULL,
                   _("The disk is full: your last change was not saved. Free some space and try again."));
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_BUSY,
                   _("The workspace is busy: your last change was not saved. Try again in a moment."));
      break;
    case SQLITE_READONLY:
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_READ_ONLY,
                   _("The workspace “%s” cannot be written to: your last change was not saved."), name);
      break;
    case SQLITE_CORRUPT:
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_CORRUPT,
                   _("The workspace “%s” is damaged. Aplomb left it as it was: restore it from a backup."), name);
      break;
    case SQLITE_NOTADB:
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_WORKSPACE,
                   _("“%s” is not an Aplomb workspace. Aplomb left it as it was."), name);
      break;
    case SQLITE_IOERR:
      if (sys_errno == 0 && db != NULL)
        sys_errno = last_file_errno (db);
      if (sys_errno == ENOSPC || sys_errno == EDQUOT || sys_errno == EFBIG)
        g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_DISK_FULL,
                     _("The disk is full: your last change was not saved. Free some space and try again."));
      else
        g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_IO,
                     _("The disk reported an error while saving the workspace “%s”: your last change was not saved."), name);
      break;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      if (sys_errno != 0)
        set_errno_error (error, self->path, sys_errno);
      else
        g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_PERMISSION,
                     _("The workspace “%s” could not be opened."), name);
      break;
    case SQLITE_CONSTRAINT:
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_INVALID,
                   _("That change does not fit the rest of the workspace and was not saved."));
      break;
    default:
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_FAILED,
                   _("The workspace could not be updated (%s): your last change was not saved."),
                   sqlite3_errstr (rc));
      break;
    }

  g_debug ("SQLite error %d (%s) on %s: %s", rc, sqlite3_errstr (rc), display_name (self->path),
           db ? sqlite3_errmsg (db) : "-");
}

void
_apl_store_set_error (AplStore  *self,
                      int        rc,
                      GError   **error)
{
  _apl_store_set_db_error (self, self->db, rc, error);
}

static gboolean
exec_sql (AplStore    *self,
          const char  *sql,
          GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _apl_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Runs a PRAGMA (or any query) that answers with one integer. */
static gboolean
query_int (AplStore    *self,
           const char  *sql,
           gint64      *out,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    {
      _apl_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

sqlite3 *
_apl_store_get_db (AplStore *self)
{
  return self->db;
}

AplPlanList *
_apl_store_get_plan_list (AplStore *self)
{
  return self->plans;
}

/* Statements live as long as the connection: preparing them once keeps an
 * edit's cost to the write itself. */
sqlite3_stmt *
_apl_store_prepare (AplStore    *self,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (self->db == NULL)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_FAILED,
                   _("The workspace is closed."));
      return NULL;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _apl_store_set_error (self, rc, error);
      return NULL;
    }

  /* The SQL strings are literals in the store's sources, so they outlive us. */
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
_apl_store_step_done (AplStore      *self,
                      sqlite3_stmt  *stmt,
                      GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _apl_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_apl_store_begin (AplStore  *self,
                  GError   **error)
{
  if (self->db == NULL)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_FAILED,
                   _("The workspace is closed."));
      return FALSE;
    }
  /* Every write starts here: while the workspace is still being checked
   * it waits for the verdict, and a damaged workspace takes none. */
  if (!hold_for_check (self, error))
    return FALSE;
  return exec_sql (self, "BEGIN IMMEDIATE", error);
}

gboolean
_apl_store_commit (AplStore  *self,
                   GError   **error)
{
  if (!exec_sql (self, "COMMIT", error))
    {
      _apl_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

void
_apl_store_rollback (AplStore *self)
{
  if (self->db != NULL && !sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

char *
_apl_store_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* Sample content and new plans follow the language the user reads. */
const char *
_apl_store_default_language (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "fr"))
        return "fr";
      if (g_str_has_prefix (names[i], "en") || strcmp (names[i], "C") == 0)
        return "en";
    }
  return "en";
}

/* Migrations */

typedef struct
{
  int   version;
  char *resource;
} Migration;

static void
migration_clear (gpointer data)
{
  g_free (((Migration *) data)->resource);
}

static int
migration_compare (gconstpointer a,
                   gconstpointer b)
{
  return ((const Migration *) a)->version - ((const Migration *) b)->version;
}

static GArray *
list_migrations (void)
{
  g_auto(GStrv) names = NULL;
  GArray *steps = g_array_new (FALSE, TRUE, sizeof (Migration));

  g_array_set_clear_func (steps, migration_clear);
  names = g_resource_enumerate_children (apl_core_get_resource (), MIGRATIONS_PATH,
                                         G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      Migration step;

      if (!g_str_has_suffix (names[i], ".sql"))
        continue;
      step.version = (int) g_ascii_strtoll (names[i], NULL, 10);
      step.resource = g_strconcat (MIGRATIONS_PATH "/", names[i], NULL);
      g_array_append_val (steps, step);
    }
  g_array_sort (steps, migration_compare);

  /* A gap would mean a missing file in the build: fail loudly in tests. */
  for (guint i = 0; i < steps->len; i++)
    g_assert (g_array_index (steps, Migration, i).version == (int) i + 1);

  return steps;
}

int
apl_store_get_latest_schema_version (void)
{
  g_autoptr(GArray) steps = list_migrations ();

  return (int) steps->len;
}

/* Copies the workspace aside before its format changes, so a failed or
 * regretted upgrade can always be undone by hand. */
static gboolean
backup_before_migration (AplStore    *self,
                         int          from_version,
                         GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *backup_path = NULL;
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int fd;
  int rc;

  for (guint n = 0; ; n++)
    {
      g_free (backup_path);
      backup_path = n == 0
        ? g_strdup_printf ("%s.v%d-%s.backup", self->path, from_version, stamp)
        : g_strdup_printf ("%s.v%d-%s-%u.backup", self->path, from_version, stamp, n);
      fd = g_open (backup_path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
      if (fd >= 0 || errno != EEXIST || n > 100)
        break;
    }
  if (fd < 0)
    return set_errno_error (error, backup_path, errno);
  close (fd);

  rc = sqlite3_open_v2 (backup_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", self->db, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (dest);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
          sqlite3_backup_finish (backup);
        }
    }
  sqlite3_close (dest);

  if (rc != SQLITE_OK)
    {
      /* A write that failed midway leaves the copy's own journal too. */
      g_autofree char *journal = g_strconcat (backup_path, "-journal", NULL);

      g_unlink (backup_path);
      g_unlink (journal);
      _apl_store_set_error (self, rc, error);
      g_prefix_error (error, _("Aplomb could not back up the workspace before updating it. "));
      return FALSE;
    }

  g_free (self->backup_path);
  self->backup_path = g_steal_pointer (&backup_path);
  return TRUE;
}

static gboolean
migrate (AplStore  *self,
         int        target,
         GError   **error)
{
  g_autoptr(GArray) steps = list_migrations ();

  target = MIN (target, (int) steps->len);
  if (self->schema_version >= target)
    return TRUE;

  if (self->schema_version > 0 && !backup_before_migration (self, self->schema_version, error))
    return FALSE;

  for (guint i = self->schema_version; i < (guint) target && i < steps->len; i++)
    {
      const Migration *step = &g_array_index (steps, Migration, i);
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *sql = NULL;
      g_autofree char *pragmas = NULL;

      bytes = g_resource_lookup_data (apl_core_get_resource (), step->resource,
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_assert (bytes != NULL);
      sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      pragmas = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                                 APL_APPLICATION_ID, step->version);

      if (!_apl_store_begin (self, error))
        return FALSE;
      if (!exec_sql (self, sql, error) || !exec_sql (self, pragmas, error))
        {
          _apl_store_rollback (self);
          return FALSE;
        }
      if (!_apl_store_commit (self, error))
        return FALSE;

      self->schema_version = step->version;
    }

  return TRUE;
}

/* Opening */

static gboolean
has_sqlite_header (int fd)
{
  char header[16];

  return pread (fd, header, sizeof header, 0) == sizeof header
         && memcmp (header, "SQLite format 3", 16) == 0;
}

/* SQLite's quick_check on @db: the store's own connection, or the
 * worker's (apl_store_open_full()); it only reads @self's path. */
static gboolean
run_quick_check (AplStore    *self,
                 sqlite3     *db,
                 GError     **error)
{
  g_autofree char *name = g_filename_display_basename (self->path);
  g_autofree char *verdict = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check(1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          verdict = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    {
      _apl_store_set_db_error (self, db, rc, error);
      return FALSE;
    }
  if (g_strcmp0 (verdict, "ok") != 0)
    {
      /* SQLite's verdict ("*** in database main *** Page 5: btree …",
       * table names read from damaged pages, not always UTF-8) is for a
       * developer's log, not for the user's message. */
      g_debug ("quick_check on %s: %s", display_name (self->path), verdict ? verdict : "?");
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_CORRUPT,
                   _("The workspace “%s” is damaged. Aplomb left it as it was: restore it from a backup."),
                   name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
journal_is_wal (AplStore *self)
{
  sqlite3_stmt *stmt = NULL;
  gboolean wal = FALSE;

  /* Without an assignment the pragma only reads the file's header. */
  if (sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    wal = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
  sqlite3_finalize (stmt);
  return wal;
}

/* Refuses what is not ours or not safe to touch, before anything is written.
 * With @may_defer, a workspace that opening will not write to (current
 * format, already in WAL mode) leaves its quick_check to the worker:
 * *@deferred is then TRUE. */
static gboolean
check_existing (AplStore  *self,
                gboolean   may_defer,
                gboolean  *deferred,
                GError   **error)
{
  g_autofree char *name = g_filename_display_basename (self->path);
  gint64 app_id = 0;
  gint64 version = 0;
  gint64 n_tables = 0;
  int latest;

  *deferred = FALSE;
  if (!query_int (self, "PRAGMA application_id", &app_id, error)
      || !query_int (self, "PRAGMA user_version", &version, error)
      || !query_int (self, "SELECT count(*) FROM sqlite_schema", &n_tables, error))
    return FALSE;

  if ((app_id != 0 && app_id != APL_APPLICATION_ID) || (app_id == 0 && n_tables > 0))
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_WORKSPACE,
                   _("“%s” is a database of another program, not an Aplomb workspace. Aplomb left it as it was."),
                   name);
      return FALSE;
    }

  latest = apl_store_get_latest_schema_version ();
  if (version > latest)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_TOO_NEW,
                   _("The workspace “%s” was saved by a newer version of Aplomb (format %d; this version reads up to format %d). Update Aplomb to open it; the file was left as it was."),
                   name, (int) version, latest);
      return FALSE;
    }
  self->schema_version = (int) version;

  /* A migration (with its backup) or the switch to WAL write to the file
   * while it opens: those are checked first, as they always were. */
  if (may_defer && version == latest && journal_is_wal (self))
    {
      *deferred = TRUE;
      return TRUE;
    }

  return run_quick_check (self, self->db, error);
}

/* The check in the background */

static gboolean
check_finished_cb (gpointer data)
{
  AplStore *self = g_object_ref (data);
  g_autoptr(GError) error = NULL;

  g_mutex_lock (&self->check_lock);
  g_clear_pointer (&self->check_source, g_source_unref);
  if (self->check_error != NULL)
    error = g_error_copy (self->check_error);
  g_mutex_unlock (&self->check_lock);

  if (self->check_thread != NULL)
    g_thread_join (g_steal_pointer (&self->check_thread));
  hold_for_check (self, NULL);
  if (!self->check_announced && self->db != NULL)
    {
      self->check_announced = TRUE;
      g_signal_emit (self, signals[CHECK_FINISHED], 0, error);
    }
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static gpointer
check_thread_func (gpointer data)
{
  AplStore *self = data;
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();
  sqlite3 *db = NULL;
  int rc;

  /* Read-only: whatever the file holds, this connection writes nothing
   * (and, not being the last one, never checkpoints on closing). */
  rc = sqlite3_open_v2 (self->path, &db,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_PRIVATECACHE,
                        NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (db, 1);
      sqlite3_busy_timeout (db, 5000);
      sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
      sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
      sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
      g_mutex_lock (&self->check_lock);
      self->check_db = db;
      g_mutex_unlock (&self->check_lock);
      run_quick_check (self, db, &error);
    }
  else
    _apl_store_set_db_error (self, db, rc, &error);

  g_mutex_lock (&self->check_lock);
  self->check_db = NULL;
  g_mutex_unlock (&self->check_lock);
  sqlite3_close (db);

  g_debug ("quick_check of %s in the background: %s in %.0f ms", display_name (self->path),
           error ? "failed" : "ok", (g_get_monotonic_time () - started) / 1000.0);

  g_mutex_lock (&self->check_lock);
  self->check_error = g_steal_pointer (&error);
  self->check_state = self->check_error != NULL ? CHECK_FAILED : CHECK_PASSED;
  self->check_source = g_idle_source_new ();
  g_source_set_priority (self->check_source, G_PRIORITY_DEFAULT);
  g_source_set_callback (self->check_source, check_finished_cb, self, NULL);
  g_source_set_static_name (self->check_source, "[aplomb] workspace checked");
  g_source_attach (self->check_source, self->check_context);
  g_cond_broadcast (&self->check_cond);
  g_mutex_unlock (&self->check_lock);

  return NULL;
}

/* What opening left for after the check: making the file private and
 * erasing the plans deleted in an earlier session (both write). */
static void
finish_deferred_open (AplStore *self)
{
  g_autoptr(GError) error = NULL;

  if ((self->file_mode & 0077) != 0 && self->file_uid == getuid ())
    fchmod (self->lock_fd, self->file_mode & 0700);

  if (!apl_store_purge_deleted_plans (self, &error))
    g_warning ("Deleted plans of %s were not erased: %s", display_name (self->path), error->message);

  for (guint i = 0; self->after_check != NULL && i < self->after_check->len; i++)
    {
      AplStoreTask task = g_array_index (self->after_check, AplStoreTask, i);

      g_clear_error (&error);
      if (!task (self, &error))
        g_warning ("Housekeeping of %s failed: %s", display_name (self->path), error->message);
    }
  g_clear_pointer (&self->after_check, g_array_unref);
}

gboolean
_apl_store_when_checked (AplStore      *self,
                         AplStoreTask   task,
                         GError       **error)
{
  CheckState state;

  g_mutex_lock (&self->check_lock);
  state = self->check_state;
  g_mutex_unlock (&self->check_lock);

  switch (state)
    {
    case CHECK_RUNNING:
      if (self->after_check == NULL)
        self->after_check = g_array_new (FALSE, FALSE, sizeof (AplStoreTask));
      for (guint i = 0; i < self->after_check->len; i++)
        if (g_array_index (self->after_check, AplStoreTask, i) == task)
          return TRUE;
      g_array_append_val (self->after_check, task);
      return TRUE;
    case CHECK_FAILED:
      /* Nothing is written to a damaged workspace; the user is told. */
      return TRUE;
    case CHECK_PASSED:
      /* Passed, maybe not yet acted on: the queue goes first. */
      hold_for_check (self, NULL);
      return task (self, error);
    case CHECK_NONE:
    default:
      return task (self, error);
    }
}

/* Main thread. Waits while the worker checks; then, once, acts on its
 * verdict: a sound workspace takes writes again and gets what opening
 * deferred, a damaged one never does. Returns FALSE with the check's error
 * for a damaged workspace. */
static gboolean
hold_for_check (AplStore  *self,
                GError   **error)
{
  CheckState state;

  g_mutex_lock (&self->check_lock);
  if (self->check_state == CHECK_RUNNING)
    {
      gint64 started = g_get_monotonic_time ();

      while (self->check_state == CHECK_RUNNING)
        g_cond_wait (&self->check_cond, &self->check_lock);
      g_debug ("a write waited %.0f ms for the workspace check",
               (g_get_monotonic_time () - started) / 1000.0);
    }
  state = self->check_state;
  if (state == CHECK_FAILED)
    g_propagate_error (error, g_error_copy (self->check_error));
  g_mutex_unlock (&self->check_lock);

  if (self->check_settled || state == CHECK_NONE || self->db == NULL)
    return state != CHECK_FAILED;
  self->check_settled = TRUE;

  if (state == CHECK_FAILED)
    {
      /* Not even a checkpoint on closing: the log stays beside the file
       * for whoever repairs it. */
      sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
      return FALSE;
    }

  if (!exec_sql (self, "PRAGMA query_only = OFF", NULL))
    g_warning ("The workspace %s stays read-only", display_name (self->path));
  finish_deferred_open (self);
  return TRUE;
}

static void
start_check (AplStore *self)
{
  self->check_state = CHECK_RUNNING;
  self->check_context = g_main_context_ref_thread_default ();
  self->check_thread = g_thread_new ("aplomb-check", check_thread_func, self);
}

/* Stops the worker early (the store is closing) and forgets its news. */
static void
stop_check (AplStore *self)
{
  g_mutex_lock (&self->check_lock);
  if (self->check_db != NULL)
    sqlite3_interrupt (self->check_db);
  g_mutex_unlock (&self->check_lock);

  if (self->check_thread != NULL)
    g_thread_join (g_steal_pointer (&self->check_thread));

  g_mutex_lock (&self->check_lock);
  if (self->check_source != NULL)
    {
      g_source_destroy (self->check_source);
      g_clear_pointer (&self->check_source, g_source_unref);
    }
  g_mutex_unlock (&self->check_lock);
  g_clear_pointer (&self->check_context, g_main_context_unref);
}

static gboolean
configure_connection (AplStore  *self,
                      GError   **error)
{
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);

  return exec_sql (self,
                   "PRAGMA foreign_keys = ON;"
                   "PRAGMA trusted_schema = OFF;"
                   "PRAGMA secure_delete = ON;",
                   error);
}

/* WAL and synchronous=FULL write to the file, so they come after the checks
 * that must leave a refused file untouched. */
static gboolean
enable_wal (AplStore  *self,
            GError   **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          ok = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    {
      _apl_store_set_error (self, rc, error);
      return FALSE;
    }
  if (!ok)
    {
      g_autofree char *name = g_filename_display_basename (self->path);

      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_READ_ONLY,
                   _("The workspace “%s” cannot be opened for safe writing on this disk."), name);
      return FALSE;
    }

  return exec_sql (self, "PRAGMA synchronous = FULL", error);
}

/**
 * _apl_store_open_connection:
 *
 * A second connection to the open workspace, set up like the store's own,
 * for long work in a worker thread (a contact import): it never shares a
 * connection with the main thread, and SQLite's own locking serialises its
 * writes with the store's. The process already holds the workspace's
 * lock, and the schema is current. Close it with sqlite3_close().
 *
 * Returns: (transfer full) (nullable): the connection, or %NULL with
 * @error set
 */
sqlite3 *
_apl_store_open_connection (AplStore  *self,
                            GError   **error)
{
  sqlite3 *db = NULL;
  int rc;

  if (self->db == NULL)
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_FAILED, _("The workspace is closed."));
      return NULL;
    }
  /* Its work (an import) writes: it starts once the workspace is checked. */
  if (!hold_for_check (self, error))
    return NULL;

  rc = sqlite3_open_v2 (self->path, &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_PRIVATECACHE,
                        NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (db, 1);
      sqlite3_busy_timeout (db, 5000);
      sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
      sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
      sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
      rc = sqlite3_exec (db,
                         "PRAGMA foreign_keys = ON;"
                         "PRAGMA trusted_schema = OFF;"
                         "PRAGMA secure_delete = ON;"
                         "PRAGMA synchronous = FULL;",
                         NULL, NULL, NULL);
    }
  if (rc != SQLITE_OK)
    {
      _apl_store_set_db_error (self, db, rc, error);
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

static gboolean
prepare_folder (const char  *path,
                GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);

  /* Only folders we make are set to 0700: the user's own /tmp or home
   * folder keeps the mode they gave it. */
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      if (g_mkdir_with_parents (folder, 0700) != 0)
        return set_errno_error (error, path, errno);
    }
  return TRUE;
}

static void
remove_new_file (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_unlink (wal);
  g_unlink (shm);
  g_unlink (journal);
  g_unlink (path);
}

static gboolean
apl_store_open_file (AplStore          *self,
                     int                target_version,
                     AplStoreOpenFlags  flags,
                     GError           **error)
{
  g_autofree char *name = g_filename_display_basename (self->path);
  gboolean deferred = FALSE;
  struct stat st;
  int rc;

  if (!prepare_folder (self->path, error))
    return FALSE;

  if (g_lstat (self->path, &st) == 0)
    {
      if (S_ISLNK (st.st_mode))
        return set_errno_error (error, self->path, ELOOP);
      if (!S_ISREG (st.st_mode))
        {
          g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_WORKSPACE,
                       _("“%s” is not an Aplomb workspace."), name);
          return FALSE;
        }
      self->lock_fd = g_open (self->path, O_RDWR | O_NOFOLLOW | O_CLOEXEC, 0);
    }
  else
    {
      self->lock_fd = g_open (self->path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
      self->created_file = self->lock_fd >= 0;
    }
  if (self->lock_fd < 0)
    return set_errno_error (error, self->path, errno);

  /* One process per workspace: a second Aplomb (or aplomb-tool) is told so
   * instead of writing behind the first one's back. flock() does not mix
   * with SQLite's own fcntl() locks, and this descriptor stays open until
   * after the connection is closed. */
  if (flock (self->lock_fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved_errno = errno;

      close (self->lock_fd);
      self->lock_fd = -1;
      /* Someone else holds it: whatever it is, it is not ours to remove. */
      self->created_file = FALSE;
      if (saved_errno == EWOULDBLOCK)
        {
          g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_LOCKED,
                       _("The workspace “%s” is already open in another Aplomb window or program. Close it there first: one workspace is edited by one program at a time, so that neither overwrites the other."),
                       name);
          return FALSE;
        }
      return set_errno_error (error, self->path, saved_errno);
    }

  if (fstat (self->lock_fd, &st) != 0)
    return set_errno_error (error, self->path, errno);

  if (st.st_size > 0 && !has_sqlite_header (self->lock_fd))
    {
      g_set_error (error, APL_STORE_ERROR, APL_STORE_ERROR_NOT_WORKSPACE,
                   _("“%s” is not an Aplomb workspace. Aplomb left it as it was."), name);
      return FALSE;
    }
  if (st.st_size == 0)
    self->is_new = TRUE;

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_PRIVATECACHE,
                        NULL);
  if (rc != SQLITE_OK)
    {
      _apl_store_set_error (self, rc, error);
      return FALSE;
    }

  if (!configure_connection (self, error))
    return FALSE;

  if (!self->is_new
      && !check_existing (self, (flags & APL_STORE_OPEN_CHECK_IN_BACKGROUND) != 0
                                && target_version >= apl_store_get_latest_schema_version (),
                          &deferred, error))
    return FALSE;

  /* Phone numbers and unreleased statements live here: keep it private.
   * Only once the file is known to be ours: a refused file keeps its mode. */
  self->file_mode = st.st_mode;
  self->file_uid = st.st_uid;
  if (!deferred && (st.st_mode & 0077) != 0 && st.st_uid == getuid ())
    fchmod (self->lock_fd, st.st_mode & 0700);

  if (deferred)
    start_check (self);

  /* The file is in WAL mode already when the check is deferred, so this
   * writes nothing then. */
  if (!enable_wal (self, error))
    return FALSE;

  /* Until the check has passed, nothing at all can write through this
   * connection, whatever calls it: SQLite refuses. */
  if (deferred && !exec_sql (self, "PRAGMA query_only = ON", error))
    return FALSE;

  if (!migrate (self, target_version, error))
    return FALSE;

  /* A store held at an older format (migration tests) has no records to
   * load: the tables may not exist yet. */
  if (self->schema_version < apl_store_get_latest_schema_version ())
    return TRUE;

  if (!_apl_store_load_plans (self, error))
    return FALSE;

  self->organisation = _apl_store_load_organisation (self, error);
  if (self->organisation == NULL)
    return FALSE;

  /* Deletions from an earlier session can no longer be undone; with the
   * check still running, they are erased once it has passed. */
  if (deferred)
    return TRUE;
  return apl_store_purge_deleted_plans (self, error);
}

/* GObject */

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
apl_store_dispose (GObject *object)
{
  apl_store_close (APL_STORE (object));
  G_OBJECT_CLASS (apl_store_parent_class)->dispose (object);
}

static void
apl_store_finalize (GObject *object)
{
  AplStore *self = APL_STORE (object);

  g_clear_error (&self->check_error);
  g_clear_pointer (&self->after_check, g_array_unref);
  g_mutex_clear (&self->check_lock);
  g_cond_clear (&self->check_cond);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->backup_path, g_free);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  G_OBJECT_CLASS (apl_store_parent_class)->finalize (object);
}

static void
apl_store_class_init (AplStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = apl_store_dispose;
  object_class->finalize = apl_store_finalize;

  /**
   * AplStore::check-finished:
   * @error: (nullable): why the workspace was refused, or %NULL when it
   *   passed
   *
   * Emitted on the main context of the thread that opened the store, once,
   * when the check of apl_store_open_full() with
   * %APL_STORE_OPEN_CHECK_IN_BACKGROUND ends. After a failure the store
   * writes nothing: tell the user as for a workspace refused on opening.
   */
  signals[CHECK_FINISHED] =
    g_signal_new ("check-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
apl_store_init (AplStore *self)
{
  g_mutex_init (&self->check_lock);
  g_cond_init (&self->check_cond);
  self->check_state = CHECK_NONE;
  self->lock_fd = -1;
  /* Keyed by the SQL string's address: every statement's text is a
   * literal (as a worker connection's cache also assumes), and hashing
   * the whole text on every call cost a plan import two hashes of a few
   * hundred bytes a contact. The same text at two addresses is merely
   * prepared twice. */
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                            finalize_statement);
}

/* Public API */

void
apl_store_count_free (AplStoreCount *count)
{
  g_free (count->name);
  g_free (count);
}

/**
 * apl_store_default_path:
 *
 * Returns: the workspace to open when none is named: `$APLOMB_WORKSPACE`,
 * or `workspace.sqlite3` in Aplomb's folder under `$XDG_DATA_HOME`.
 */
char *
apl_store_default_path (void)
{
  const char *env = g_getenv ("APLOMB_WORKSPACE");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "aplomb", "workspace.sqlite3", NULL);
}

static AplStore *
open_store (const char         *path,
            int                 version,
            AplStoreOpenFlags   flags,
            GError            **error)
{
  g_autoptr(AplStore) self = NULL;
  gboolean opened;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (APL_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->plans = _apl_plan_list_new ();

  opened = apl_store_open_file (self, version, flags, error);
  if (!opened)
    {
      gboolean remove = self->created_file;

      apl_store_close (self);
      /* A file we created a moment ago and could not set up is ours to
       * remove; anything that was there before is left alone. */
      if (remove)
        remove_new_file (path);
      return NULL;
    }

  return g_steal_pointer (&self);
}

AplStore *
apl_store_open_at_version (const char  *path,
                           int          version,
                           GError     **error)
{
  return open_store (path, version, APL_STORE_OPEN_DEFAULT, error);
}

/**
 * apl_store_open:
 * @path: the workspace file; created when it does not exist
 * @error: where to put a message for the user
 *
 * Opens the workspace, checks it, backs it up and migrates it when its
 * format is older, and takes the lock that keeps other processes out.
 *
 * Returns: (transfer full): the store, or %NULL with @error set. A refused
 * file is left exactly as it was.
 */
AplStore *
apl_store_open (const char  *path,
                GError     **error)
{
  return open_store (path, G_MAXINT, APL_STORE_OPEN_DEFAULT, error);
}

/**
 * apl_store_open_full:
 * @path: the workspace file; created when it does not exist
 * @flags: %APL_STORE_OPEN_CHECK_IN_BACKGROUND to return before the
 *   integrity check of a large workspace has finished
 * @error: where to put a message for the user
 *
 * Like apl_store_open(). With %APL_STORE_OPEN_CHECK_IN_BACKGROUND, an
 * existing workspace that opening does not need to write (its format is
 * current) is readable at once while SQLite's quick_check reads the whole
 * file in a worker thread, so that a window can show it sooner. Until the
 * check has passed nothing is written: a write waits for the verdict (see
 * apl_store_wait_for_check()), and after a failure every write fails with
 * the same message as a damaged workspace refused on opening, and
 * #AplStore::check-finished says so.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
AplStore *
apl_store_open_full (const char         *path,
                     AplStoreOpenFlags   flags,
                     GError            **error)
{
  return open_store (path, G_MAXINT, flags, error);
}

/**
 * apl_store_wait_for_check:
 *
 * Waits until the background check (if any) has ended.
 *
 * Returns: %TRUE when the workspace is sound (or was checked on opening);
 * %FALSE with @error set, the refusal for a damaged workspace, otherwise
 */
gboolean
apl_store_wait_for_check (AplStore  *self,
                          GError   **error)
{
  g_return_val_if_fail (APL_IS_STORE (self), FALSE);
  return hold_for_check (self, error);
}

/**
 * apl_store_is_checking:
 *
 * Returns: whether the background check is still running
 */
gboolean
apl_store_is_checking (AplStore *self)
{
  gboolean running;

  g_return_val_if_fail (APL_IS_STORE (self), FALSE);
  g_mutex_lock (&self->check_lock);
  running = self->check_state == CHECK_RUNNING;
  g_mutex_unlock (&self->check_lock);
  return running;
}

/**
 * apl_store_close:
 *
 * Closes the connection and releases the lock. Objects handed out earlier
 * stay valid but can no longer be changed.
 */
void
apl_store_close (AplStore *self)
{
  g_return_if_fail (APL_IS_STORE (self));

  stop_check (self);
  g_hash_table_remove_all (self->statements);
  if (self->db != NULL)
    {
      _apl_store_rollback (self);
      sqlite3_close (self->db);
      self->db = NULL;
    }
  if (self->lock_fd >= 0)
    {
      close (self->lock_fd);
      self->lock_fd = -1;
    }
  g_clear_object (&self->organisation);
  g_clear_object (&self->plans);
}

const char *
apl_store_get_path (AplStore *self)
{
  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  return self->path;
}

/**
 * apl_store_is_new:
 *
 * Returns: whether this open created the workspace, so that the caller can
 * add the sample plan a first-time user starts from.
 */
gboolean
apl_store_is_new (AplStore *self)
{
  g_return_val_if_fail (APL_IS_STORE (self), FALSE);
  return self->is_new;
}

int
apl_store_get_schema_version (AplStore *self)
{
  g_return_val_if_fail (APL_IS_STORE (self), 0);
  return self->schema_version;
}

/**
 * apl_store_get_backup_path:
 *
 * Returns: (nullable): the copy made before this open migrated the file.
 */
const char *
apl_store_get_backup_path (AplStore *self)
{
  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  return self->backup_path;
}

/**
 * apl_store_get_plans:
 *
 * Returns: (transfer none): a #GListModel of #AplPlan, the workspace's plans
 * that are not deleted, in creation order.
 */
GListModel *
apl_store_get_plans (AplStore *self)
{
  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  return G_LIST_MODEL (self->plans);
}

/**
 * apl_store_get_organisation:
 *
 * Returns: (transfer none): the organisation profile of the workspace.
 */
AplOrganisation *
apl_store_get_organisation (AplStore *self)
{
  g_return_val_if_fail (APL_IS_STORE (self), NULL);
  return self->organisation;
}

/**
 * apl_store_check:
 *
 * Runs SQLite's integrity check and the foreign key check.
 *
 * Returns: (transfer full) (element-type utf8): the problems found, empty
 * when the workspace is sound; %NULL with @error set when the check could
 * not run.
 */
GPtrArray *
apl_store_check (AplStore  *self,
                 GError   **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (APL_IS_STORE (self), NULL);

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") != 0)
        g_ptr_array_add (problems, g_strdup_printf (_("integrity: %s"), line));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _apl_store_set_error (self, rc, error);
      return NULL;
    }

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA foreign_key_check", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (problems,
                       g_strdup_printf (_("foreign key: row %lld of %s refers to a missing row of %s"),
                                        (long long) sqlite3_column_int64 (stmt, 1),
                                        (const char *) sqlite3_column_text (stmt, 0),
                                        (const char *) sqlite3_column_text (stmt, 2)));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _apl_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&problems);
}
