/* test-templates.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every .ui file in the application's resources builds without a warning
 * (G_DEBUG=fatal-warnings turns one into a crash): a misspelt property, a
 * signal handler that does not exist or a widget too new for GTK 4.8 fails
 * here rather than in a user's hands. The files are found by walking the
 * resources, so a template added later is covered without touching this test.
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <gmodule.h>

/* A template counts only when the three classes above exist; fewer found
 * means the walk itself is broken. */
#define MIN_TEMPLATES 3

typedef struct
{
  int        depth;
  char      *template_class;
  GPtrArray *object_ids;
} UiSummary;

static guint n_templates;

/* Helpers */

/* AplFooBar → apl_foo_bar_get_type: the GObject naming convention. */
static char *
get_type_function_name (const char *class_name)
{
  GString *name = g_string_new (NULL);

  for (const char *p = class_name; *p != '\0'; p++)
    {
      if (g_ascii_isupper (*p) && p != class_name)
        g_string_append_c (name, '_');
      g_string_append_c (name, g_ascii_tolower (*p));
    }
  g_string_append (name, "_get_type");
  return g_string_free (name, FALSE);
}

/* Templates name their classes; GTK finds a class by name only once it is
 * registered. The test links the whole GUI library and exports its
 * symbols, so it can register any class a template names by calling its
 * get_type function, found by name: a template added later needs no edit
 * here. */
static GType
register_class (const char *class_name)
{
  g_autofree char *function = get_type_function_name (class_name);
  GModule *self = g_module_open (NULL, 0);
  GType (*get_type) (void) = NULL;

  if (self == NULL || !g_module_symbol (self, function, (gpointer *) &get_type) || get_type == NULL)
    return G_TYPE_INVALID;
  return get_type ();
}

static void
summary_start_element (GMarkupParseContext  *context,
                       const char           *element_name,
                       const char          **attribute_names,
                       const char          **attribute_values,
                       gpointer              user_data,
                       GError              **error)
{
  UiSummary *summary = user_data;

  /* Only the children of <interface>: a list item factory's inline
   * template is text (CDATA) to GMarkup, and nested objects are built by
   * their parents. */
  if (summary->depth == 1)
    {
      for (guint i = 0; attribute_names[i] != NULL; i++)
        {
          if (g_str_equal (element_name, "template")
              && g_str_equal (attribute_names[i], "class")
              && summary->template_class == NULL)
            summary->template_class = g_strdup (attribute_values[i]);
          else if (g_str_equal (element_name, "object")
                   && g_str_equal (attribute_names[i], "id"))
            g_ptr_array_add (summary->object_ids, g_strdup (attribute_values[i]));
        }
    }

  summary->depth++;
}

static void
summary_end_element (GMarkupParseContext  *context,
                     const char           *element_name,
                     gpointer              user_data,
                     GError              **error)
{
  UiSummary *summary = user_data;

  summary->depth--;
}

static void
summarise_ui (GBytes    *bytes,
              UiSummary *summary)
{
  static const GMarkupParser parser = {
    summary_start_element, summary_end_element, NULL, NULL, NULL,
  };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  summary->depth = 0;
  summary->template_class = NULL;
  summary->object_ids = g_ptr_array_new_with_free_func (g_free);

  context = g_markup_parse_context_new (&parser, 0, summary, NULL);
  g_markup_parse_context_parse (context, data, size, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
}

static void
summary_clear (UiSummary *summary)
{
  g_clear_pointer (&summary->template_class, g_free);
  g_clear_pointer (&summary->object_ids, g_ptr_array_unref);
}

static void
collect_ui_files (const char *folder,
                  GPtrArray  *paths)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) children = NULL;

  children = g_resources_enumerate_children (folder, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);

  for (guint i = 0; children[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (folder, children[i], NULL);

      if (g_str_has_suffix (children[i], "/"))
        collect_ui_files (path, paths);
      else if (g_str_has_suffix (children[i], ".ui"))
        g_ptr_array_add (paths, g_steal_pointer (&path));
    }
}

/* A destroyed window may be released from an idle of GTK's, so give the
 * main context a few turns before calling it a leak. */
static void
destroy_window_and_wait (GtkWindow *window)
{
  GObject *watched = G_OBJECT (window);
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  g_object_add_weak_pointer (watched, (gpointer *) &watched);
  gtk_window_destroy (window);
  while (watched != NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);

  if (watched != NULL)
    {
      g_object_remove_weak_pointer (watched, (gpointer *) &watched);
      g_error ("%s was not finalized: a reference leaked", G_OBJECT_TYPE_NAME (watched));
    }
}

static void
instantiate_template (const char *path,
                      const char *class_name)
{
  GType type = register_class (class_name);
  GObject *object;

  if (type == G_TYPE_INVALID)
    {
      g_autofree char *function = get_type_function_name (class_name);

      g_test_message ("%s is a template for %s, but the program has no %s: "
                      "the class and its template disagree", path, class_name, function);
      g_test_fail ();
      return;
    }

  g_assert_true (g_type_is_a (type, GTK_TYPE_WIDGET));
  object = g_object_new (type, NULL);

  if (g_type_is_a (type, GTK_TYPE_WINDOW))
    {
      /* GTK owns a window's reference; destroying it gives it back. */
      destroy_window_and_wait (GTK_WINDOW (object));
    }
  else
    {
      g_object_ref_sink (object);
      g_assert_finalize_object (object);
    }
}

static void
build_plain_file (const char *path,
                  GPtrArray  *object_ids)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GPtrArray) windows = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_cmpuint (object_ids->len, >, 0);

  builder = gtk_builder_new_from_resource (path);
  for (guint i = 0; i < object_ids->len; i++)
    {
      GObject *object = gtk_builder_get_object (builder, object_ids->pdata[i]);

      g_assert_nonnull (object);
      if (GTK_IS_WINDOW (object))
        g_ptr_array_add (windows, g_object_ref (object));
    }

  /* GtkApplication loads the help overlay by this id. */
  if (g_str_has_suffix (path, "/gtk/help-overlay.ui"))
    g_assert_true (GTK_IS_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));

  g_clear_object (&builder);
  for (guint i = 0; i < windows->len; i++)
    gtk_window_destroy (windows->pdata[i]);
}

/* Tests */

static void
test_ui_file (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  UiSummary summary;

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);

  summarise_ui (bytes, &summary);
  if (summary.template_class != NULL)
    instantiate_template (path, summary.template_class);
  else
    build_plain_file (path, summary.object_ids);
  summary_clear (&summary);
}

static void
test_templates_found (void)
{
  g_assert_cmpuint (n_templates, >=, MIN_TEMPLATES);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  /* Widgets need a display; without one, report a skip rather than fail. */
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display (the GUI tests run under Xvfb)\n");
      return 0;
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  collect_ui_files (RESOURCE_BASE "/", paths);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = paths->pdata[i];
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_autofree char *test_path = g_strconcat ("/templates", path + strlen (RESOURCE_BASE), NULL);
      UiSummary summary;

      summarise_ui (bytes, &summary);
      if (summary.template_class != NULL)
        n_templates++;
      summary_clear (&summary);

      g_test_add_data_func (test_path, path, test_ui_file);
    }
  g_test_add_func ("/templates/found", test_templates_found);

  return g_test_run ();
}
