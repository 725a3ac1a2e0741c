/* test-kill.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pulling the plug. A child process (this same binary, in child mode) edits
 * a workspace through the core and says on a pipe which edit it starts and
 * which one the core reported as saved; the parent SIGKILLs it at a random
 * moment, reopens the workspace at once and checks that every edit reported
 * as saved is there, that the one in flight is either wholly there or not at
 * all, and that SQLite's integrity and foreign key checks are clean. The
 * same again while the child migrates an old workspace.
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "apl-organisation.h"
#include "apl-store.h"
#include "apl-store-private.h"
#include "test-util.h"

#define MIN_KILLS           200
#define MAX_KILL_SECONDS    20
#define MIGRATION_KILLS     40
#define ORGANISATION_NAME   "Port authority of Saint-Nazaire"

static const char *self_exe;

/* Child mode */

static void
say (const char *format,
     ...) G_GNUC_PRINTF (1, 2);

/* One write(2) a line, unbuffered: a line on the pipe is the child's word
 * that the edit before it has returned. */
static void
say (const char *format,
     ...)
{
  g_autofree char *line = NULL;
  va_list args;
  gsize done = 0;
  gsize len;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  len = strlen (line);
  while (done < len)
    {
      gssize n = write (STDOUT_FILENO, line + done, len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        _exit (5);
      done += (gsize) n;
    }
}

static AplPlan *
random_plan (GPtrArray *plans,
             GRand     *rand)
{
  return g_ptr_array_index (plans, g_rand_int_range (rand, 0, (gint32) plans->len));
}

/* Edits for ever, until killed. Plans are named by unique titles, which
 * the parent uses as their identity. */
static int
run_child_edits (const char *path,
                 guint32     seed,
                 guint       generation)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AplStore) store = apl_store_open (path, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GPtrArray) live = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) deleted = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *model;

  if (store == NULL)
    {
      say ("E %s\n", error->message);
      return 3;
    }
  say ("O\n");

  model = apl_store_get_plans (store);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (live, g_list_model_get_item (model, i));

  for (guint n = 0; ; n++)
    {
      double dice = g_rand_double (rand);
      gboolean ok;

      if (live->len == 0 || dice < 0.3)
        {
          g_autofree char *title = g_strdup_printf ("g%un%u", generation, n);
          AplPlan *plan;

          say ("B C %s\n", title);
          plan = apl_store_create_plan (store, title, &error);
          ok = plan != NULL;
          if (ok)
            g_ptr_array_add (live, plan);
        }
      else if (dice < 0.75)
        {
          AplPlan *plan = random_plan (live, rand);
          g_autofree char *owner = g_strdup_printf ("g%un%u owner", generation, n);

          say ("B O %s %s\n", apl_plan_get_title (plan), owner);
          ok = apl_plan_set_field (plan, APL_PLAN_FIELD_OWNER, owner, &error);
        }
      else if (dice < 0.9 || deleted->len == 0)
        {
          AplPlan *plan = random_plan (live, rand);

          say ("B D %s\n", apl_plan_get_title (plan));
          ok = apl_store_delete_plan (store, plan, &error);
          if (ok)
            {
              guint index;

              g_assert_true (g_ptr_array_find (live, plan, &index));
              g_ptr_array_add (deleted, g_ptr_array_steal_index_fast (live, index));
            }
        }
      else
        {
          AplPlan *plan = g_ptr_array_steal_index_fast (deleted, deleted->len - 1);

          say ("B U %s\n", apl_plan_get_title (plan));
          ok = apl_store_undelete_plan (store, plan, &error);
          g_ptr_array_add (ok ? live : deleted, plan);
        }

      if (!ok)
        {
          say ("E %s\n", error->message);
          return 4;
        }
      say ("S\n");
    }

  return 0;
}

/* Opens, and so migrates, the workspace; says so once done. */
static int
run_child_open (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AplStore) store = NULL;

  say ("B\n");
  store = apl_store_open (path, &error);
  if (store == NULL)
    {
      say ("E %s\n", error->message);
      return 3;
    }
  say ("S\n");
  pause ();
  return 0;
}

/* The parent's side */

typedef struct
{
  char     *owner;
  gboolean  deleted;
} PlanState;

static void
plan_state_free (gpointer data)
{
  PlanState *state = data;

  g_free (state->owner);
  g_free (state);
}

static GHashTable *
model_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, plan_state_free);
}

static GHashTable *
model_copy (GHashTable *model)
{
  GHashTable *copy = model_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, model);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      PlanState *state = value;
      PlanState *dup = g_new0 (PlanState, 1);

      dup->owner = g_strdup (state->owner);
      dup->deleted = state->deleted;
      g_hash_table_insert (copy, g_strdup (key), dup);
    }
  return copy;
}

/* Applies one "B ..." line of the child to the model. */
static void
model_apply (GHashTable *model,
             const char *line)
{
  g_auto(GStrv) words = g_strsplit (line, " ", 4);
  PlanState *state;

  g_assert_cmpstr (words[0], ==, "B");
  g_assert_nonnull (words[1]);
  g_assert_nonnull (words[2]);

  switch (words[1][0])
    {
    case 'C':
      g_assert_false (g_hash_table_contains (model, words[2]));
      state = g_new0 (PlanState, 1);
      state->owner = g_strdup ("");
      g_hash_table_insert (model, g_strdup (words[2]), state);
      break;
    case 'O':
      state = g_hash_table_lookup (model, words[2]);
      g_assert_nonnull (state);
      g_assert_nonnull (words[3]);
      g_free (state->owner);
      state->owner = g_strdup (words[3]);
      break;
    case 'D':
    case 'U':
      state = g_hash_table_lookup (model, words[2]);
      g_assert_nonnull (state);
      state->deleted = words[1][0] == 'D';
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Opening a workspace purges the plans deleted in an earlier session. */
static void
model_purge (GHashTable *model)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, model);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((PlanState *) value)->deleted)
      g_hash_table_iter_remove (&iter);
}

static gboolean
model_matches (GHashTable *model,
               AplStore   *store)
{
  GListModel *plans = apl_store_get_plans (store);
  guint n = g_list_model_get_n_items (plans);

  if (n != g_hash_table_size (model))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AplPlan) plan = g_list_model_get_item (plans, i);
      PlanState *state = g_hash_table_lookup (model, apl_plan_get_title (plan));

      if (state == NULL || g_strcmp0 (state->owner, apl_plan_get_owner (plan)) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
assert_store_sound (AplStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = apl_store_check (store, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (const char *) g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);
}

/* Reopens the workspace right after the kill: the kernel has released the
 * dead child's lock, so this must work the first time. */
static AplStore *
reopen (const char *path)
{
  g_autoptr(GError) error = NULL;
  AplStore *store = apl_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

typedef struct
{
  GPid     pid;
  int      out_fd;
  GString *pending;
  GPtrArray *lines;
} Child;

static void
child_spawn (Child       *child,
             const char  *mode,
             const char  *path,
             guint32      seed,
             guint        generation)
{
  g_autofree char *seed_arg = g_strdup_printf ("%u", seed);
  g_autofree char *generation_arg = g_strdup_printf ("%u", generation);
  const char *argv[] = { self_exe, mode, path, seed_arg, generation_arg, NULL };
  g_autoptr(GError) error = NULL;

  child->pending = g_string_new (NULL);
  child->lines = g_ptr_array_new_with_free_func (g_free);
  g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                            G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDERR_TO_DEV_NULL,
                            NULL, NULL, &child->pid, NULL, &child->out_fd, NULL, &error);
  g_assert_no_error (error);
}

/* Reads what the child has written so far, waiting at most @timeout_ms;
 * returns FALSE at end of file. */
static gboolean
child_read (Child *child,
            int    timeout_ms)
{
  struct pollfd pfd = { child->out_fd, POLLIN, 0 };
  char buf[4096];
  gssize n;
  char *nl;

  if (poll (&pfd, 1, timeout_ms) <= 0)
    return TRUE;
  n = read (child->out_fd, buf, sizeof buf);
  if (n < 0 && errno == EINTR)
    return TRUE;
  g_assert_cmpint (n, >=, 0);
  if (n == 0)
    return FALSE;
  g_string_append_len (child->pending, buf, n);
  while ((nl = strchr (child->pending->str, '\n')) != NULL)
    {
      g_ptr_array_add (child->lines, g_strndup (child->pending->str, nl - child->pending->str));
      g_string_erase (child->pending, 0, nl - child->pending->str + 1);
    }
  return TRUE;
}

static gboolean
child_has_said (Child      *child,
                const char *word)
{
  for (guint i = 0; i < child->lines->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (child->lines, i), word))
      return TRUE;
  return FALSE;
}

/* Lets the child run for @run_us (counted from the moment it says @after,
 * such as that it has opened the workspace, so that a slow build, such
 * as a sanitizer build, still gets its kills mid-edit), kills it, and
 * collects every line it wrote before it died. */
static void
child_kill_after (Child      *child,
                  const char *after,
                  gint64      run_us)
{
  gint64 deadline;
  gint64 now;
  int status;

  if (after != NULL)
    while (!child_has_said (child, after) && !child_has_said (child, "E"))
      if (!child_read (child, 1000))
        break;

  deadline = g_get_monotonic_time () + run_us;
  while ((now = g_get_monotonic_time ()) < deadline)
    if (!child_read (child, (int) MAX (1, (deadline - now) / 1000)))
      break;

  g_assert_cmpint (kill (child->pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (child->pid, &status, 0), ==, child->pid);
  while (child_read (child, 1000))
    ;
  g_close (child->out_fd, NULL);
  g_spawn_close_pid (child->pid);

  /* A child that stopped on its own hit an error: show it. */
  if (!(WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL))
    {
      for (guint i = 0; i < child->lines->len; i++)
        g_test_message ("child: %s", (const char *) g_ptr_array_index (child->lines, i));
      g_error ("the child stopped by itself (status %d)", status);
    }
  g_string_free (child->pending, TRUE);
}

static void
test_kill_edits (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "workspace.sqlite3", NULL);
  g_autoptr(GHashTable) model = model_new ();
  g_autoptr(GRand) rand = NULL;
  guint32 seed = g_test_rand_int ();
  gint64 start = g_get_monotonic_time ();
  guint kills = 0, saved = 0, in_flight_kept = 0, in_flight_lost = 0, killed_opening = 0;
  AplStore *store;

  g_test_message ("seed %u (run with --seed to repeat)", seed);
  rand = g_rand_new_with_seed (seed);

  /* The workspace exists before the first kill: killing the very first
   * open is the migration test's business. */
  store = reopen (path);
  g_assert_finalize_object (store);

  while (kills < MIN_KILLS
         && g_get_monotonic_time () - start < MAX_KILL_SECONDS * G_USEC_PER_SEC)
    {
      g_autoptr(GHashTable) with_in_flight = NULL;
      const char *in_flight = NULL;
      gboolean opened = FALSE;
      Child child;

      child_spawn (&child, "--child-edits", path, g_rand_int (rand), kills);
      /* One kill in ten anywhere in start-up and opening; the others a
       * few edits after the workspace is open. */
      if (g_rand_int_range (rand, 0, 10) == 0)
        child_kill_after (&child, NULL, g_rand_int_range (rand, 0, 20000));
      else
        child_kill_after (&child, "O", g_rand_int_range (rand, 0, 25000));
      kills++;

      for (guint i = 0; i < child.lines->len; i++)
        {
          const char *line = g_ptr_array_index (child.lines, i);

          if (line[0] == 'E')
            g_error ("the child reported an error: %s", line);
          else if (line[0] == 'O')
            opened = TRUE;
          else if (line[0] == 'B')
            in_flight = line;
          else if (line[0] == 'S')
            {
              g_assert_nonnull (in_flight);
              model_apply (model, in_flight);
              in_flight = NULL;
              saved++;
            }
        }
      if (!opened)
        killed_opening++;

      store = reopen (path);
      with_in_flight = model_copy (model);
      if (in_flight != NULL)
        model_apply (with_in_flight, in_flight);
      model_purge (model);
      model_purge (with_in_flight);

      if (model_matches (model, store))
        in_flight_lost += in_flight != NULL;
      else if (in_flight != NULL && model_matches (with_in_flight, store))
        {
          /* Committed but killed before it could say so: fine, and from
           * now on part of what must be there. */
          g_hash_table_unref (model);
          model = g_steal_pointer (&with_in_flight);
          in_flight_kept++;
        }
      else
        {
          g_test_message ("kill %u: in flight: %s", kills, in_flight ? in_flight : "(none)");
          g_error ("the workspace does not hold what the child reported as saved");
        }

      assert_store_sound (store);
      g_assert_finalize_object (store);
      g_ptr_array_unref (child.lines);
    }

  g_test_message ("%u kills in %.1f s; %u edits reported saved; %u kills while opening; "
                  "in flight when killed: %u kept, %u not saved",
                  kills, (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC,
                  saved, killed_opening, in_flight_kept, in_flight_lost);
  g_assert_cmpuint (kills, >=, MIN_KILLS / 4);
  g_assert_cmpuint (saved, >, kills);

  test_remove_tree (dir);
}

static void
set_organisation_name (const char *path)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE organisation SET name = '%s' WHERE id = 1",
                                          ORGANISATION_NAME);

  test_sqlite_exec (path, sql);
}

/* Killing the first open of an old workspace, while it backs the file up
 * and migrates it, leaves a workspace the next open finishes migrating. */
static void
test_kill_migration (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *v1 = g_build_filename (dir, "v1.sqlite3", NULL);
  g_autofree char *work = g_build_filename (dir, "work", NULL);
  g_autofree char *path = g_build_filename (work, "workspace.sqlite3", NULL);
  g_autoptr(GBytes) pristine = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GError) error = NULL;
  guint32 seed = g_test_rand_int ();
  guint finished = 0;
  gint64 open_us;
  AplStore *store;

  g_test_message ("seed %u", seed);
  rand = g_rand_new_with_seed (seed);

  store = apl_store_open_at_version (v1, 1, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);
  set_organisation_name (v1);
  pristine = test_read_file (v1);

  /* How long a whole open and migration takes on this machine and build. */
  g_assert_cmpint (g_mkdir (work, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pristine, NULL),
                                      g_bytes_get_size (pristine), NULL));
  {
    Child child;
    gint64 start = 0;

    child_spawn (&child, "--child-open", path, 0, 0);
    while (!child_has_said (&child, "S") && !child_has_said (&child, "E"))
      {
        g_assert_true (child_read (&child, 1000));
        if (start == 0 && child_has_said (&child, "B"))
          start = g_get_monotonic_time ();
      }
    open_us = g_get_monotonic_time () - start;
    g_assert_false (child_has_said (&child, "E"));
    child_kill_after (&child, NULL, 0);
    g_ptr_array_unref (child.lines);
    test_remove_tree (work);
  }
  g_test_message ("an open with migration takes %.1f ms", open_us / 1000.0);

  for (guint kill_n = 0; kill_n < MIGRATION_KILLS; kill_n++)
    {
      Child child;
      int migrated_by_child = 0;

      g_assert_cmpint (g_mkdir (work, 0700), ==, 0);
      g_assert_true (g_file_set_contents (path, g_bytes_get_data (pristine, NULL),
                                          g_bytes_get_size (pristine), NULL));

      child_spawn (&child, "--child-open", path, 0, 0);
      /* From the moment the child starts opening to a little after the
       * time a whole open takes. */
      child_kill_after (&child, "B", g_rand_int_range (rand, 0, (gint32) (open_us * 5 / 4 + 1)));
      for (guint i = 0; i < child.lines->len; i++)
        {
          const char *line = g_ptr_array_index (child.lines, i);

          if (line[0] == 'E')
            g_error ("the child reported an error: %s", line);
          migrated_by_child |= line[0] == 'S';
        }
      finished += migrated_by_child;

      store = reopen (path);
      g_assert_cmpint (apl_store_get_schema_version (store), ==, apl_store_get_latest_schema_version ());
      g_assert_cmpstr (apl_organisation_get_field (apl_store_get_organisation (store),
                                                   APL_ORGANISATION_FIELD_NAME),
                       ==, ORGANISATION_NAME);
      assert_store_sound (store);
      g_assert_finalize_object (store);
      g_ptr_array_unref (child.lines);
      test_remove_tree (work);
    }

  g_test_message ("%u kills during a migration; the child finished first %u times",
                  MIGRATION_KILLS, finished);
  g_assert_cmpuint (finished, <, MIGRATION_KILLS);

  test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  self_exe = argv[0];

  if (argc == 5 && strcmp (argv[1], "--child-edits") == 0)
    return run_child_edits (argv[2], (guint32) g_ascii_strtoull (argv[3], NULL, 10),
                            (guint) g_ascii_strtoull (argv[4], NULL, 10));
  if (argc == 5 && strcmp (argv[1], "--child-open") == 0)
    return run_child_open (argv[2]);

  test_force_c_locale ();
  g_test_init (&argc, &argv, NULL);
  self_exe = argv[0];
  if (!g_path_is_absolute (self_exe))
    self_exe = g_canonicalize_filename (argv[0], NULL);

  g_test_add_func ("/faults/kill/edits", test_kill_edits);
  g_test_add_func ("/faults/kill/migration", test_kill_migration);

  return g_test_run ();
}
