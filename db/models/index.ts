export { AccessScope } from './access-scope.model';
export { Email } from './email.model';
export { RefreshToken } from './refresh-token.model';
export { Role } from './role.model';
export { Team } from './team.model';
export { User } from './user.model';
