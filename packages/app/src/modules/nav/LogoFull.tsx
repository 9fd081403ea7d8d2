import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  text: {
    color: '#ffffff',
    fontSize: 16,
    fontWeight: 700,
    lineHeight: 1.1,
    whiteSpace: 'nowrap',
  },
  accent: {
    color: '#7df3e1',
    display: 'block',
    fontSize: 20,
    letterSpacing: 1,
  },
});

/** Sidebar logo when the sidebar is open: the portal's name as text. */
export const LogoFull = () => {
  const classes = useStyles();
  return (
    <div className={classes.text}>
      <span className={classes.accent}>BASE</span> Developer Portal
    </div>
  );
};
