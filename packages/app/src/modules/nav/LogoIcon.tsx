import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  text: {
    color: '#7df3e1',
    fontSize: 16,
    fontWeight: 800,
    letterSpacing: 0.5,
  },
});

/** Sidebar logo when the sidebar is closed. */
export const LogoIcon = () => {
  const classes = useStyles();
  return <div className={classes.text}>BASE</div>;
};
