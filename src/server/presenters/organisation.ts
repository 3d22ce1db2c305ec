/** Presenter: the only way organisations leave the server. */
import type { Organisation } from '../../contract/api';
import type { OrganisationRow } from '../../services/organisations';

export function presentOrganisation(org: OrganisationRow): Organisation {
  return {
    id: org.id,
    kind: org.kind,
    name: org.name,
    shortName: org.shortName,
    orgNr: org.orgNr,
    parentId: org.parentId,
  };
}
