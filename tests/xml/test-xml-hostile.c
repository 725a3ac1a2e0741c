/* test-xml-hostile.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plan files come from other people. Each hostile file here must be
 * refused with a clear message that names its line, leave the workspace
 * exactly as it was, and make Aplomb read no other file and open no
 * connection. A tripwire checks the last two: a named pipe and a listening
 * socket that the hostile files point at, watched by a thread that notices
 * anyone opening the one or connecting to the other.
 */

#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test-util.h"
#include "xml-test-util.h"

#define PLAN_OPEN "<plan xmlns=\"https://aplomb.github.io/ns/plan/1\" format=\"1\" " \
                  "id=\"6f1c2b7e-3d4a-4e5f-8a9b-0c1d2e3f4a5b\">\n"
#define PLAN_REST "  <organisation></organisation>\n  <owner></owner>\n  <language>en</language>\n" \
                  "  <scenario-summary></scenario-summary>\n" \
                  "  <created>2026-01-12T09:30:00Z</created>\n  <updated>2026-01-12T09:30:00Z</updated>\n" \
                  "  <organisation-profile>\n    <name></name>\n    <website></website>\n" \
                  "    <press-hotline></press-hotline>\n    <spokesperson></spokesperson>\n" \
                  "  </organisation-profile>\n</plan>\n"
#define DECLARATION "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

typedef struct
{
  TestWorkspace  ws;
  AplPlan       *plans[2];

  /* The tripwire */
  char          *fifo;
  int            listen_fd;
  int            port;
  GThread       *thread;
  gint           stop;
  gint           touched;
} Fixture;

/* Tripwire */

static gpointer
tripwire_thread (gpointer data)
{
  Fixture *fixture = data;

  while (!g_atomic_int_get (&fixture->stop))
    {
      /* Opening a pipe for writing without blocking succeeds only while
       * someone has it open for reading. Closing it again gives that
       * reader an end of file, so a regression fails the test instead of
       * hanging it. */
      int fd = open (fixture->fifo, O_WRONLY | O_NONBLOCK | O_CLOEXEC);

      if (fd >= 0)
        {
          g_atomic_int_set (&fixture->touched, 1);
          close (fd);
        }

      fd = accept (fixture->listen_fd, NULL, NULL);
      if (fd >= 0)
        {
          g_atomic_int_set (&fixture->touched, 1);
          close (fd);
        }

      g_usleep (500);
    }
  return NULL;
}

static void
tripwire_start (Fixture *fixture)
{
  struct sockaddr_in address;
  socklen_t length = sizeof address;

  fixture->fifo = g_build_filename (fixture->ws.dir, "marker-fifo", NULL);
  g_assert_cmpint (mkfifo (fixture->fifo, 0600), ==, 0);

  fixture->listen_fd = socket (AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  g_assert_cmpint (fixture->listen_fd, >=, 0);
  memset (&address, 0, sizeof address);
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  address.sin_port = 0;
  g_assert_cmpint (bind (fixture->listen_fd, (struct sockaddr *) &address, sizeof address), ==, 0);
  g_assert_cmpint (listen (fixture->listen_fd, 8), ==, 0);
  g_assert_cmpint (getsockname (fixture->listen_fd, (struct sockaddr *) &address, &length), ==, 0);
  fixture->port = ntohs (address.sin_port);

  fixture->thread = g_thread_new ("tripwire", tripwire_thread, fixture);
}

static void
tripwire_stop (Fixture *fixture)
{
  g_atomic_int_set (&fixture->stop, 1);
  g_thread_join (fixture->thread);
  close (fixture->listen_fd);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  test_workspace_init (&fixture->ws);
  fixture->plans[0] = test_workspace_add_plan (&fixture->ws, "Cyber attack");
  fixture->plans[1] = test_workspace_add_plan (&fixture->ws, "Product recall");
  tripwire_start (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  tripwire_stop (fixture);
  g_clear_object (&fixture->plans[0]);
  g_clear_object (&fixture->plans[1]);
  g_free (fixture->fifo);
  test_workspace_clear (&fixture->ws);
}

/* Helpers */

static char *
write_case (Fixture    *fixture,
            const char *name,
            const char *data,
            gssize      size)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->ws.dir, name, NULL);

  g_file_set_contents (path, data, size, &error);
  g_assert_no_error (error);
  return path;
}

/* @path must be refused with @code and a message containing @needle, in
 * both import modes and by validate, and nothing changed, read or fetched.
 * The message names line @line; any line when @line is -1; none (a problem
 * with the file as a whole) when it is 0. */
static void
assert_refused (Fixture    *fixture,
                const char *path,
                int         code,
                const char *needle,
                int         line)
{
  const AplPlanImportMode modes[] = { APL_PLAN_IMPORT_NEW, APL_PLAN_IMPORT_REPLACE };
  g_autofree char *before = test_workspace_fingerprint (&fixture->ws);
  g_autofree char *name = g_filename_display_name (path);

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AplPlan) plan = NULL;
      g_autofree char *after = NULL;

      plan = apl_plan_import (fixture->ws.store, path, modes[i], &error);
      g_assert_null (plan);
      if (error == NULL || error->domain != APL_XML_ERROR || error->code != code
          || strstr (error->message, needle) == NULL)
        g_error ("Expected error %d with “%s” for %s, got: %s", code, needle, name,
                 error ? error->message : "(none)");
      test_assert_error_lines (error, name);

      if (line > 0)
        {
          g_autofree char *prefix = g_strdup_printf ("%s:%d: ", name, line);

          if (!g_str_has_prefix (error->message, prefix))
            g_error ("Expected the problem on line %d: %s", line, error->message);
        }
      else if (line < 0)
        {
          const char *after_name = error->message + strlen (name);

          if (*after_name != ':' || !g_ascii_isdigit (after_name[1]))
            g_error ("Expected the problem with its line: %s", error->message);
        }

      /* Nothing changed, and nothing from /etc/passwd anywhere. */
      after = test_workspace_fingerprint (&fixture->ws);
      g_assert_cmpstr (before, ==, after);
      g_assert_null (strstr (error->message, "root:"));
    }

  {
    g_autoptr(GPtrArray) lines = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_false (apl_plan_validate_file (path, &lines, &error));
    g_assert_error (error, APL_XML_ERROR, code);
    g_assert_cmpuint (lines->len, >=, 1);
  }

  g_assert_cmpint (g_atomic_int_get (&fixture->touched), ==, 0);
}

static void
assert_fixture_refused (Fixture    *fixture,
                        const char *fixture_name,
                        int         code,
                        const char *needle,
                        int         line)
{
  g_autofree char *path = test_fixture_path (fixture_name);

  assert_refused (fixture, path, code, needle, line);
}

/* Entities and document type declarations */

static void
test_billion_laughs (Fixture       *fixture,
                     gconstpointer  data)
{
  assert_fixture_refused (fixture, "billion-laughs.xml", APL_XML_ERROR_UNSAFE,
                          "plan files may not contain a document type declaration", 4);
}

static void
test_quadratic_blowup (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *big = g_strnfill (100000, 'a');
  GString *text = g_string_new (DECLARATION);
  g_autofree char *path = NULL;

  /* One 100 kB entity used 20 000 times: 2 GB of text from 200 kB. */
  g_string_append_printf (text, "<!DOCTYPE plan [<!ENTITY a \"%s\">]>\n" PLAN_OPEN "  <title>", big);
  for (guint i = 0; i < 20000; i++)
    g_string_append (text, "&a;");
  g_string_append (text, "</title>\n" PLAN_REST);

  path = write_case (fixture, "quadratic.xml", text->str, text->len);
  g_string_free (text, TRUE);
  assert_refused (fixture, path, APL_XML_ERROR_UNSAFE, "document type declaration", 2);
}

static void
test_external_entity (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *fifo_case = NULL;
  g_autofree char *network_case = NULL;
  g_autofree char *path = NULL;

  assert_fixture_refused (fixture, "external-entity.xml", APL_XML_ERROR_UNSAFE,
                          "document type declaration", 2);

  fifo_case = g_strdup_printf (DECLARATION "<!DOCTYPE plan [<!ENTITY x SYSTEM \"file://%s\">]>\n"
                               PLAN_OPEN "  <title>&x;</title>\n" PLAN_REST, fixture->fifo);
  path = write_case (fixture, "entity-fifo.xml", fifo_case, -1);
  assert_refused (fixture, path, APL_XML_ERROR_UNSAFE, "document type declaration", 2);
  g_free (path);

  network_case = g_strdup_printf (DECLARATION "<!DOCTYPE plan [<!ENTITY x SYSTEM \"http://127.0.0.1:%d/x\">]>\n"
                                  PLAN_OPEN "  <title>&x;</title>\n" PLAN_REST, fixture->port);
  path = write_case (fixture, "entity-network.xml", network_case, -1);
  assert_refused (fixture, path, APL_XML_ERROR_UNSAFE, "document type declaration", 2);
}

static void
test_external_dtd (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *fifo_case = NULL;
  g_autofree char *network_case = NULL;
  g_autofree char *path = NULL;

  assert_fixture_refused (fixture, "external-dtd.xml", APL_XML_ERROR_UNSAFE,
                          "document type declaration", 2);

  fifo_case = g_strdup_printf (DECLARATION "\n<!-- a comment first -->\n<!DOCTYPE plan SYSTEM \"%s\">\n"
                               PLAN_OPEN "  <title>DTD</title>\n" PLAN_REST, fixture->fifo);
  path = write_case (fixture, "dtd-fifo.xml", fifo_case, -1);
  assert_refused (fixture, path, APL_XML_ERROR_UNSAFE, "document type declaration", 4);
  g_free (path);

  network_case = g_strdup_printf (DECLARATION "<!DOCTYPE plan PUBLIC \"-//X//DTD//EN\" \"http://127.0.0.1:%d/plan.dtd\">\n"
                                  PLAN_OPEN "  <title>DTD</title>\n" PLAN_REST, fixture->port);
  path = write_case (fixture, "dtd-network.xml", network_case, -1);
  assert_refused (fixture, path, APL_XML_ERROR_UNSAFE, "document type declaration", 2);
}

/* A DOCTYPE behind a comment longer than the part of the file checked by
 * hand is refused too, for the length of that beginning. */
static void
test_doctype_after_long_comment (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *filler = g_strnfill (100000, '-');
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;

  text = g_strdup_printf (DECLARATION "<!-- %s -->\n<!DOCTYPE plan SYSTEM \"%s\">\n"
                          PLAN_OPEN "  <title>DTD</title>\n" PLAN_REST, filler, fixture->fifo);
  path = write_case (fixture, "long-comment.xml", text, -1);
  assert_refused (fixture, path, APL_XML_ERROR_TOO_LARGE, "too long", 2);
}

static void
test_xinclude (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *fifo_case = NULL;
  g_autofree char *path = NULL;

  assert_fixture_refused (fixture, "xinclude.xml", APL_XML_ERROR_UNSAFE, "XInclude", 3);

  fifo_case = g_strdup_printf (DECLARATION
                               "<plan xmlns=\"https://aplomb.github.io/ns/plan/1\" format=\"1\" "
                               "id=\"6f1c2b7e-3d4a-4e5f-8a9b-0c1d2e3f4a5b\">\n"
                               "  <title>Flood</title>\n"
                               "  <include xmlns=\"http://www.w3.org/2003/XInclude\" href=\"%s\" parse=\"text\"/>\n"
                               PLAN_REST, fixture->fifo);
  path = write_case (fixture, "xinclude-fifo.xml", fifo_case, -1);
  assert_refused (fixture, path, APL_XML_ERROR_UNSAFE, "XInclude", 4);
}

static void
test_undeclared_entity (Fixture       *fixture,
                        gconstpointer  data)
{
  assert_fixture_refused (fixture, "undeclared-entity.xml", APL_XML_ERROR_UNSAFE, "“&xxe;”", 3);
}

/* Size and shape */

static void
test_deep_nesting (Fixture       *fixture,
                   gconstpointer  data)
{
  GString *text = g_string_new (DECLARATION PLAN_OPEN "  <title>");
  g_autofree char *path = NULL;

  for (guint i = 0; i < 10000; i++)
    g_string_append (text, "<a>");
  for (guint i = 0; i < 10000; i++)
    g_string_append (text, "</a>");
  g_string_append (text, "</title>\n" PLAN_REST);

  path = write_case (fixture, "deep.xml", text->str, text->len);
  g_string_free (text, TRUE);
  assert_refused (fixture, path, APL_XML_ERROR_TOO_LARGE, "nested more than 64 deep", 3);
}

/* Four million small elements: 16 MB, each one cheap, together a cost no
 * plan needs. */
static void
test_too_many_elements (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->ws.dir, "many.xml", NULL);
  FILE *file = fopen (path, "w");

  g_assert_nonnull (file);
  fputs (DECLARATION PLAN_OPEN "  <title>Flood</title>\n  <organisation>", file);
  for (guint i = 0; i <= APL_PLAN_XML_MAX_ELEMENTS; i++)
    fputs ("<a/>", file);
  fputs ("</organisation>\n" PLAN_REST, file);
  g_assert_cmpint (fclose (file), ==, 0);

  assert_refused (fixture, path, APL_XML_ERROR_TOO_LARGE, "more than 4000000 elements", 4);
}

static void
test_huge_text_node (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->ws.dir, "huge-text.xml", NULL);
  g_autofree char *chunk = g_strnfill (1024 * 1024, 'A');
  FILE *file = fopen (path, "w");

  g_assert_nonnull (file);
  fputs (DECLARATION PLAN_OPEN "  <title>Flood</title>\n  <organisation>", file);
  for (guint i = 0; i < 50; i++)
    g_assert_cmpuint (fwrite (chunk, 1, 1024 * 1024, file), ==, 1024 * 1024);
  fputs ("</organisation>\n" PLAN_REST, file);
  g_assert_cmpint (fclose (file), ==, 0);

  assert_refused (fixture, path, APL_XML_ERROR_TOO_LARGE, "longer than 1 MiB", 4);
}

static void
test_long_field (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *two_mib = g_strnfill (2 * 1024 * 1024, 'A');
  g_autofree char *text = g_strdup_printf (DECLARATION PLAN_OPEN "  <title>%s</title>\n" PLAN_REST, two_mib);
  g_autofree char *path = write_case (fixture, "long-field.xml", text, -1);

  assert_refused (fixture, path, APL_XML_ERROR_TOO_LARGE, "the text of <title> is longer than 1 MiB", 3);
}

static void
test_huge_file (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = write_case (fixture, "huge.xml", DECLARATION PLAN_OPEN, -1);

  /* Sparse: 257 MiB on paper, nothing on the disk. Refused before a byte
   * is parsed, so the message is about the file as a whole. */
  g_assert_cmpint (truncate (path, (off_t) APL_PLAN_XML_MAX_FILE_SIZE + 1024 * 1024), ==, 0);
  assert_refused (fixture, path, APL_XML_ERROR_TOO_LARGE, "larger than 256 MiB", 0);
}

static void
test_truncated (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *sample = test_sample_plan_path ();
  g_autoptr(GBytes) bytes = test_read_file (sample);
  gsize size = g_bytes_get_size (bytes);
  const char *text = g_bytes_get_data (bytes, NULL);
  gsize half_size;
  g_autofree char *half = NULL;
  g_autofree char *nearly = NULL;

  /* Cut at the end of a line, between elements, the way a copy that
   * stopped half-way leaves it. */
  half_size = size / 2;
  while (half_size > 0 && text[half_size - 1] != '\n')
    half_size--;
  half = write_case (fixture, "half.xml", text, half_size);
  assert_refused (fixture, half, APL_XML_ERROR_INVALID, "cut short", -1);

  /* Everything but the last end tag. */
  nearly = write_case (fixture, "nearly.xml", g_bytes_get_data (bytes, NULL), size - strlen ("</plan>\n"));
  assert_refused (fixture, nearly, APL_XML_ERROR_INVALID, "cut short", -1);
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *path = write_case (fixture, "empty.xml", "", 0);

  assert_refused (fixture, path, APL_XML_ERROR_INVALID, "the file is empty", 1);
}

/* Encodings */

static void
test_invalid_utf8 (Fixture       *fixture,
                   gconstpointer  data)
{
  const char text[] = DECLARATION PLAN_OPEN "  <title>Caf\xc3\x28 \xff</title>\n" PLAN_REST;
  g_autofree char *path = write_case (fixture, "bad-utf8.xml", text, sizeof text - 1);

  assert_refused (fixture, path, APL_XML_ERROR_ENCODING, "not UTF-8", 3);
}

static void
test_nul_byte (Fixture       *fixture,
               gconstpointer  data)
{
  const char text[] = DECLARATION PLAN_OPEN "  <title>Flo\0od</title>\n" PLAN_REST;
  g_autofree char *path = write_case (fixture, "nul.xml", text, sizeof text - 1);

  assert_refused (fixture, path, APL_XML_ERROR_INVALID, "NUL byte", 3);
}

static void
test_utf16 (Fixture       *fixture,
            gconstpointer  data)
{
  const char *text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n" PLAN_OPEN "  <title>Flood</title>\n" PLAN_REST;
  g_autoptr(GError) error = NULL;
  g_autofree char *utf16 = NULL;
  g_autofree char *with_bom = NULL;
  g_autofree char *path = NULL;
  gsize size = 0;

  utf16 = g_convert (text, -1, "UTF-16LE", "UTF-8", NULL, &size, &error);
  g_assert_no_error (error);

  with_bom = g_malloc (size + 2);
  memcpy (with_bom, "\xff\xfe", 2);
  memcpy (with_bom + 2, utf16, size);
  path = write_case (fixture, "utf16-bom.xml", with_bom, size + 2);
  assert_refused (fixture, path, APL_XML_ERROR_ENCODING, "UTF-16", 1);
  g_free (path);

  path = write_case (fixture, "utf16.xml", utf16, size);
  assert_refused (fixture, path, APL_XML_ERROR_ENCODING, "UTF-16", 1);
}

/* Decided: refused rather than converted (see data/aplomb-plan.md). */
static void
test_latin1 (Fixture       *fixture,
             gconstpointer  data)
{
  const char text[] = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" PLAN_OPEN
                      "  <title>Contamination de l'eau \xe0 Lyon</title>\n" PLAN_REST;
  g_autofree char *path = write_case (fixture, "latin1.xml", text, sizeof text - 1);

  assert_refused (fixture, path, APL_XML_ERROR_ENCODING,
                  "the file is declared as ISO-8859-1; plan files must be saved as UTF-8", 1);
}

/* Not a plan */

static void
test_other_namespace (Fixture       *fixture,
                      gconstpointer  data)
{
  assert_fixture_refused (fixture, "other-namespace.xml", APL_XML_ERROR_NOT_PLAN,
                          "this is not an Aplomb plan: it is an XML file whose main element is <feed> from http://www.w3.org/2005/Atom",
                          2);
}

static void
test_future_format (Fixture       *fixture,
                    gconstpointer  data)
{
  assert_fixture_refused (fixture, "format-4.xml", APL_XML_ERROR_TOO_NEW,
                          "this plan was made by a newer version of Aplomb (format 4; this version reads format 3)", 2);
  assert_fixture_refused (fixture, "namespace-2.xml", APL_XML_ERROR_TOO_NEW,
                          "made by a newer version of Aplomb", 2);
}

/* What is harmless is still accepted: a byte order mark, "utf-8" in lower
 * case, comments and processing instructions before the plan. */
static void
test_harmless_prolog (Fixture       *fixture,
                      gconstpointer  data)
{
  const char text[] = "\xef\xbb\xbf<?xml version='1.0' encoding='utf-8'?>\n"
                      "<!-- exported by hand -->\n<?xml-stylesheet href=\"plan.xsl\"?>\n"
                      PLAN_OPEN "  <title>Flood</title>\n" PLAN_REST;
  g_autofree char *path = write_case (fixture, "harmless.xml", text, sizeof text - 1);
  g_autoptr(AplPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  plan = apl_plan_import (fixture->ws.store, path, APL_PLAN_IMPORT_REPLACE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (apl_plan_get_title (plan), ==, "Flood");
  g_assert_cmpint (g_atomic_int_get (&fixture->touched), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  test_force_c_locale ();
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/xml/hostile/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("billion-laughs", test_billion_laughs);
  ADD ("quadratic-blowup", test_quadratic_blowup);
  ADD ("external-entity", test_external_entity);
  ADD ("external-dtd", test_external_dtd);
  ADD ("doctype-after-long-comment", test_doctype_after_long_comment);
  ADD ("xinclude", test_xinclude);
  ADD ("undeclared-entity", test_undeclared_entity);
  ADD ("deep-nesting", test_deep_nesting);
  ADD ("too-many-elements", test_too_many_elements);
  ADD ("huge-text-node", test_huge_text_node);
  ADD ("long-field", test_long_field);
  ADD ("huge-file", test_huge_file);
  ADD ("truncated", test_truncated);
  ADD ("empty", test_empty);
  ADD ("invalid-utf8", test_invalid_utf8);
  ADD ("nul-byte", test_nul_byte);
  ADD ("utf16", test_utf16);
  ADD ("latin1", test_latin1);
  ADD ("other-namespace", test_other_namespace);
  ADD ("future-format", test_future_format);
  ADD ("harmless-prolog", test_harmless_prolog);

#undef ADD

  return g_test_run ();
}
