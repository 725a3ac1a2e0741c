/* apl-plan-record.h
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plan as a plan file holds it: plain strings, no GObject, no store. The
 * exporter fills one from the workspace and writes it; the importer reads a
 * whole file into one, checks it, and only then hands it to the store, so
 * that an invalid file never changes anything. Later parts of the format
 * (stakeholders, messages, contacts, approvals) add their arrays here.
 */

#pragma once

#include "apl-contact.h"
#include "apl-message.h"
#include "apl-organisation.h"
#include "apl-plan.h"
#include "apl-stakeholder.h"
#include "apl-store.h"
#include "apl-plan-xml.h"

G_BEGIN_DECLS

/* The children of <plan> that hold text, in the order the file has them. */
typedef enum
{
  APL_PLAN_VALUE_TITLE,
  APL_PLAN_VALUE_ORGANISATION,
  APL_PLAN_VALUE_OWNER,
  APL_PLAN_VALUE_LANGUAGE,
  APL_PLAN_VALUE_NEXT_REVIEW,
  APL_PLAN_VALUE_SCENARIO_SUMMARY,
  APL_PLAN_VALUE_CREATED,
  APL_PLAN_VALUE_UPDATED,
  APL_PLAN_N_VALUES
} AplPlanValue;

/* Format 2 parts. Each item keeps the line it starts on, so that a problem
 * found once the whole file is read (a reference to a stakeholder the file
 * does not hold) can still be reported as FILE:LINE. Enumerations stay the
 * keys the file and the workspace share ("person", "critic", "sms"). */
typedef struct
{
  char *id;
  char *kind;
  char *group_key;                          /* a seeded group, or NULL */
  char *group_name;                         /* a group of the user's, or NULL */
  char *fields[APL_STAKEHOLDER_N_FIELDS];
  char *created;
  char *updated;
  int   line;
  int   field_lines[APL_STAKEHOLDER_N_FIELDS];
} AplStakeholderRecord;

typedef struct
{
  char *stakeholder;                        /* a stakeholder's id in the file */
  int   influence;
  int   interest;
  char *attitude;
  int   strength;
  int   line;
} AplPlacementRecord;

typedef struct
{
  char *from;
  char *to;
  char *kind;
  int   line;
} AplRelationshipRecord;

typedef struct
{
  guint  number;
  char  *kind;
  guint  restored_from;                     /* 0 when not a restore */
  char  *author;
  char  *created;
  char  *saved;
  char  *fields[APL_MESSAGE_N_FIELDS];
  int    line;
} AplVersionRecord;

typedef struct
{
  char      *id;
  char      *variant_group;
  char      *fields[APL_MESSAGE_N_FIELDS];
  char      *created;
  char      *updated;
  GPtrArray *versions;                      /* of AplVersionRecord, oldest first */
  int        line;
  int        field_lines[APL_MESSAGE_N_FIELDS];
} AplMessageRecord;

typedef struct
{
  char *name;
  char *language;                           /* "" for every language */
  char *value;
  int   line;
} AplPlaceholderRecord;

/* A connection to the workspace for plan-file work: the store's own, or a
 * worker thread's (apl-store-worker.c). */
typedef struct _AplConn AplConn;

AplConn       *_apl_store_main_connection        (AplStore        *store);
AplConn       *_apl_store_open_worker_connection (AplStore        *store,
                                                  GError         **error);
void           _apl_conn_free                    (AplConn         *conn);
void           _apl_conn_set_progress            (AplConn         *conn,
                                                  GCancellable    *cancellable,
                                                  AplPlanProgressFunc progress,
                                                  gpointer         progress_data,
                                                  double           from,
                                                  double           to);

/* Format 3 sections (the contacts the plan uses, the crisis plan, the
 * approval route and trail) are kept as a small tree of the file's
 * elements: the reader fills it as it streams, the checks in
 * apl-plan-xml-sections.c walk it, and the store reads and writes rows from
 * and to it (apl-store-plan-sections.c). @text is NULL for an element that
 * holds elements (or nothing), "" or more for one that holds text. */
typedef struct _AplXmlNode AplXmlNode;
typedef struct _AplXmlSpill AplXmlSpill;
struct _AplXmlNode
{
  const char *name;                         /* interned */
  GPtrArray  *attributes;                   /* name, value, …; NULL when none */
  char       *text;
  GPtrArray  *children;                     /* of AplXmlNode; NULL when none */
  int         line;
};

/* A plan may hold hundreds of thousands of these (one per field of each
 * contact): a node without attributes or children allocates no array. */
#define APL_XML_NODE_N_CHILDREN(node)   ((node)->children != NULL ? (node)->children->len : 0u)
#define APL_XML_NODE_N_ATTRIBUTES(node) ((node)->attributes != NULL ? (node)->attributes->len : 0u)

AplXmlNode    *_apl_xml_node_new          (const char        *name,
                                           AplXmlNode        *parent);
void           _apl_xml_node_free         (AplXmlNode        *node);
void           _apl_xml_node_insert       (AplXmlNode        *parent,
                                           int                position,
                                           AplXmlNode        *child);
GPtrArray     *_apl_xml_node_children     (const AplXmlNode  *node);
void           _apl_xml_node_set          (AplXmlNode        *node,
                                           const char        *attribute,
                                           const char        *value);
const char    *_apl_xml_node_get          (const AplXmlNode  *node,
                                           const char        *attribute);
AplXmlNode    *_apl_xml_node_add_text     (AplXmlNode        *parent,
                                           const char        *name,
                                           const char        *text);
AplXmlNode    *_apl_xml_node_child        (const AplXmlNode  *node,
                                           const char        *name);
const char    *_apl_xml_node_child_text   (const AplXmlNode  *node,
                                           const char        *name);
guint          _apl_xml_node_count        (const AplXmlNode  *node);
AplXmlNode    *_apl_xml_node_copy         (const AplXmlNode  *node);
void           _apl_xml_node_find_children (const AplXmlNode   *node,
                                            const char * const *names,
                                            guint               n_names,
                                            AplXmlNode        **out);

/* A contact's fields, then "created" and "updated" */
#define APL_XML_CONTACT_N_ELEMENTS (APL_CONTACT_N_FIELDS + 2)
const char * const *_apl_xml_contact_elements (void);

typedef struct
{
  char      *id;
  char      *values[APL_PLAN_N_VALUES];
  char      *profile[APL_ORGANISATION_N_FIELDS];
  int        format;                        /* the file's; 0 when made here */
  gint64     plan_id;                       /* the workspace's row, when made here */
  GPtrArray *stakeholders;                  /* of AplStakeholderRecord */
  GPtrArray *placements;                    /* of AplPlacementRecord */
  GPtrArray *relationships;                 /* of AplRelationshipRecord */
  GPtrArray *messages;                      /* of AplMessageRecord */
  GPtrArray *placeholders;                  /* of AplPlaceholderRecord */
  /* Format 3, each NULL when the file has no such section */
  AplXmlNode *contacts;
  /* A file's contacts and outlets, when read from a file: @contacts then
   * has no children (apl-xml-spill.h; walk them with AplXmlItems) */
  AplXmlSpill *contact_items;
  AplXmlNode *crisis;
  AplXmlNode *approvals;
} AplPlanRecord;

/* Element names, indexed by AplPlanValue and by AplOrganisationField. */
extern const char * const _apl_plan_value_elements[APL_PLAN_N_VALUES];
extern const char * const _apl_profile_elements[APL_ORGANISATION_N_FIELDS];

extern const char * const _apl_stakeholder_elements[APL_STAKEHOLDER_N_FIELDS];
extern const char * const _apl_message_elements[APL_MESSAGE_N_FIELDS];

#define APL_PROFILE_ELEMENT "organisation-profile"

AplPlanRecord *_apl_plan_record_new              (void);
AplPlanRecord *_apl_plan_record_new_from_plan    (AplPlan          *plan,
                                                  AplOrganisation  *organisation);
void           _apl_plan_record_free             (AplPlanRecord    *record);
int            _apl_plan_value_get_field         (AplPlanValue      value);
const char    *_apl_plan_record_get_field        (const AplPlanRecord *record,
                                                  AplPlanField      field);

AplStakeholderRecord *_apl_stakeholder_record_new  (void);
AplMessageRecord     *_apl_message_record_new      (void);
AplVersionRecord     *_apl_version_record_new      (void);
void           _apl_placement_record_free        (AplPlacementRecord    *record);
void           _apl_relationship_record_free     (AplRelationshipRecord *record);
void           _apl_placeholder_record_free      (AplPlaceholderRecord  *record);

/* Import, in three steps so that the writing can run in a worker thread
 * (apl-store-import.c): prepare on the main thread (what the workspace's
 * objects say), write through any connection in one transaction, finish on
 * the main thread (the objects follow the rows just committed). */
typedef struct _AplImportJob AplImportJob;

AplImportJob  *_apl_store_import_prepare         (AplStore             *self,
                                                  AplPlanRecord        *record,
                                                  gboolean              keep_id,
                                                  GError              **error);
gboolean       _apl_store_import_write           (AplImportJob         *job,
                                                  AplConn              *conn,
                                                  GError              **error);
AplPlan       *_apl_store_import_finish          (AplImportJob         *job);
void           _apl_import_job_free              (AplImportJob         *job);

/* All three on the main thread. */
AplPlan       *_apl_store_import_plan            (AplStore             *self,
                                                  AplPlanRecord        *record,
                                                  gboolean              keep_id,
                                                  GError              **error);

/* What _apl_store_import_plan() would create and merge, without writing;
 * adds AplImportPreviewItem to @items. */
gboolean       _apl_store_preview_import         (AplStore             *self,
                                                  const AplPlanRecord  *record,
                                                  gboolean              keep_id,
                                                  GPtrArray            *items,
                                                  GError              **error);

gboolean       _apl_store_preview_import_on      (AplConn              *conn,
                                                  const AplPlanRecord  *record,
                                                  gboolean              keep_id,
                                                  GPtrArray            *items,
                                                  GError              **error);

/* Fills the parts of @record beyond the plan's own fields from the
 * workspace; see apl-store-export.c and, for format 3,
 * apl-store-plan-sections.c. */
gboolean       _apl_store_read_plan_parts        (AplConn              *conn,
                                                  gint64                plan_id,
                                                  AplPlanRecord        *record,
                                                  GError              **error);
gboolean       _apl_store_read_plan_sections     (AplConn              *conn,
                                                  gint64                plan_id,
                                                  AplPlanRecord        *record,
                                                  GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AplPlanRecord, _apl_plan_record_free)

G_END_DECLS
